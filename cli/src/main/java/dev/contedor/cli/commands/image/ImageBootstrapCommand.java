package dev.contedor.cli.commands.image;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code contedor image bootstrap DISTRIBUTION}: build an image from a distribution's archive. */
@Command(name = "bootstrap", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Build an image from a distribution's package archive.",
                "Without a distribution, prints this help."},
        subcommands = BootstrapDebianCommand.class,
        footer = {"", "Examples:",
                "  contedor image bootstrap debian",
                "  contedor image bootstrap debian trixie --tag mydebian:13"})
public final class ImageBootstrapCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
