package dev.contedor.cli.commands.image;

import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.ImageReference;
import dev.contedor.rootfs.image.ImageStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code contedor image tag SOURCE TARGET}: another name for an image, as {@code docker tag}. */
@Command(name = "tag", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Give an image another name.",
                "SOURCE is a name or an id; TARGET a NAME[:TAG] (tag latest by default). A TARGET another image "
                        + "had moves to this one. Prints nothing."},
        footer = {"", "Examples:",
                "  contedor image tag debian:bookworm mybase:1.0",
                "  contedor image tag 3f57d9401f8d busybox"})
public final class ImageTagCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The image: a name or an id.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The new name, NAME[:TAG].")
    String target;

    @Override
    public Integer call() {
        ImageReference name = ImageReference.parse(target);
        ImageCli.requireRoot(spec);
        ImageStore store = ImageCli.store(spec);
        Image ignored = store.tag(source, name);
        return 0;
    }
}
