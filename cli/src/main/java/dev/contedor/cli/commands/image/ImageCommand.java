package dev.contedor.cli.commands.image;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code contedor image}: the image store's commands. */
@Command(name = "image", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Manage images.",
                "Images are root filesystems with a configuration, kept in DATA-ROOT/images. Without a "
                        + "subcommand, prints this help."},
        subcommands = {ImageImportCommand.class, ImageListCommand.class, ImageInspectCommand.class,
                ImageRemoveCommand.class, ImageTagCommand.class, ImagePruneCommand.class, ImageBootstrapCommand.class},
        footer = {"", "Examples:",
                "  contedor image import rootfs.tar.gz mybase:1.0",
                "  contedor image bootstrap debian bookworm",
                "  contedor image ls",
                "  contedor image rm mybase:1.0"})
public final class ImageCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        // as docker: 'docker image' alone prints its usage and succeeds
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
