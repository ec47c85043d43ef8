package dev.contedor.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a command line as {@link Main#execute} does, with stdout and stderr captured. */
public final class CliHarness {
    private CliHarness() {
    }

    public record Result(int exit, String out, String err) {
    }

    public static Result run(String... args) {
        CommandLine cli = commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The command tree with Main's handlers and settings. */
    public static CommandLine commandLine() {
        return Main.commandLine();
    }
}
