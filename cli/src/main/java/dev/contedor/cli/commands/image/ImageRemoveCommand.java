package dev.contedor.cli.commands.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import dev.contedor.rootfs.image.ImageStore;
import dev.contedor.rootfs.image.RemovalResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code contedor image rm REF...}: untag, and delete images no name refers to any more. */
@Command(name = "rm", aliases = "remove", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Remove images.",
                "A NAME[:TAG] removes that name, and the image with its last name; an id removes the image with "
                        + "all its names (with several names only with -f). An image a running container uses is "
                        + "refused; with -f it is untagged, and deleted once the container is gone.",
                "Prints 'Untagged: NAME:TAG' and 'Deleted: sha256:<id>' lines; goes on with the next REF after "
                        + "a failure, and then exits 125."},
        footer = {"", "Examples:",
                "  contedor image rm mybase:1.0",
                "  contedor image rm -f 3f57d9401f8d",
                "  contedor image rm $(contedor image ls -q)"})
public final class ImageRemoveCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-f", "--force"},
            description = "Remove by id an image with several names; untag an image a running container uses.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "REF", description = "Image names or ids.")
    List<String> references = new ArrayList<>();

    @Override
    public Integer call() {
        ImageCli.requireRoot(spec);
        ImageStore store = ImageCli.store(spec);
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        for (String reference : references) {
            try {
                RemovalResult result = store.remove(reference, force);
                result.untagged().forEach(tag -> out.println("Untagged: " + tag));
                result.deletedImageIds().forEach(id -> out.println("Deleted: sha256:" + id));
                out.flush();
            } catch (ContedorException e) {
                out.flush();
                ImageCli.report(spec, e);
                failed = true;
            }
        }
        return failed ? ExitCode.RUNTIME_FAILURE.code() : 0;
    }
}
