package dev.contedor.cli;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Turns errors into one line on stderr and docker's exit codes: bad options and runtime
 * failures 125, a command that cannot run 126 or 127. Stack traces only with --debug.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName(); // "contedor image ls" for nested commands
        err.println(name + ": " + e.getMessage());
        err.println("See '" + name + " --help'.");
        err.flush();
        return ExitCode.RUNTIME_FAILURE.code();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean debug = false;
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            debug |= level.hasMatchedOption("--debug");
        }
        PrintWriter err = cmd.getErr();
        if (e instanceof ContedorException ce) {
            err.println("contedor: " + ce.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return ce.exitCode().code();
        }
        err.println("contedor: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.RUNTIME_FAILURE.code();
    }
}
