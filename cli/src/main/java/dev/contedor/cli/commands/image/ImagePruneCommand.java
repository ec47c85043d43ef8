package dev.contedor.cli.commands.image;

import dev.contedor.cli.terminal.ProgressBar;
import dev.contedor.rootfs.image.PruneResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code contedor image prune}: delete untagged images (or, with -a, every unused one) and unused layers. */
@Command(name = "prune", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Remove unused images and layers.",
                "Removes untagged images (with -a, every image no running container uses), then layers no image "
                        + "uses, leftovers of interrupted imports and the layers of dead containers.",
                "On a terminal it asks first, unless -f. Prints the deleted images and the space freed."},
        footer = {"", "Examples:",
                "  contedor image prune",
                "  contedor image prune -a -f"})
public final class ImagePruneCommand implements Callable<Integer> {
    static final String DANGLING_WARNING = "WARNING! This will remove all dangling images.";
    static final String ALL_WARNING =
            "WARNING! This will remove all images without at least one container associated to them.";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-a", "--all"}, description = "Remove every image no running container uses, not only untagged ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        ImageCli.requireRoot(spec);
        if (!force && ProgressBar.interactive() && !confirmed()) {
            return 0;
        }
        PruneResult result = ImageCli.store(spec).prune(all);
        spec.commandLine().getOut().print(summary(result));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private boolean confirmed() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        err.println(all ? ALL_WARNING : DANGLING_WARNING);
        err.print("Are you sure you want to continue? [y/N] ");
        err.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in)).readLine();
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
    }

    /** docker's summary: the deleted images, then the space freed. */
    static String summary(PruneResult result) {
        StringBuilder out = new StringBuilder();
        if (!result.deletedImageIds().isEmpty()) {
            out.append("Deleted Images:\n");
            result.deletedImageIds().forEach(id -> out.append("deleted: sha256:").append(id).append('\n'));
            out.append('\n');
        }
        out.append("Total reclaimed space: ").append(ImageFormat.reclaimed(result.reclaimedBytes())).append('\n');
        return out.toString();
    }
}
