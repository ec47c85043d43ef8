package dev.contedor.cli;

import dev.contedor.cli.commands.CompletionCommand;
import dev.contedor.cli.commands.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code contedor}: the docker-like command line. */
@Command(name = "contedor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A Linux container runtime: namespaces, pivot_root and capabilities, from Java.",
        subcommands = {RunCommand.class, dev.contedor.cli.commands.image.ImageCommand.class,
                dev.contedor.cli.commands.plugins.PluginsCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    @CommandLine.Mixin
    GlobalOptions global;

    public GlobalOptions global() {
        return global;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code: the container's, or 125/126/127 as docker. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line as users get it; the build also writes the man pages and completion from it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(new ErrorReporter());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        // docker style: options end at the command, whose own options are its business
        cli.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }
}
