package dev.contedor.cli.commands.image;

import dev.contedor.rootfs.image.Image;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code contedor image ls}: docker's image table, ids only, or JSON. */
@Command(name = "ls", aliases = "list", sortOptions = false, usageHelpAutoWidth = true,
        description = {"List images.",
                "One row per name (REPOSITORY and TAG), <none> for an untagged image, newest first."},
        footer = {"", "Examples:",
                "  contedor image ls",
                "  contedor image ls -q",
                "  contedor image ls --format json"})
public final class ImageListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-q", "--quiet"}, description = "Only the image ids, one per image.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Full ids (sha256:<64 hex>) instead of the first 12 digits.")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", completionCandidates = Formats.class,
            description = "table (default) or json (one JSON array: Id, RepoTags, Created, Size, Layers).")
    String format;

    @Override
    public Integer call() {
        String chosen = format.toLowerCase(Locale.ROOT);
        if (!chosen.equals("table") && !chosen.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format " + format + ": use table or json");
        }
        if (quiet && chosen.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--quiet and --format json cannot be used together");
        }
        List<Image> images = ImageCli.store(spec).list();
        PrintWriter out = spec.commandLine().getOut();
        if (quiet) {
            out.print(ImageFormat.quiet(images, noTrunc));
        } else if (chosen.equals("json")) {
            out.print(ImageFormat.listJson(images));
        } else {
            out.print(ImageFormat.table(images, Instant.now(), noTrunc));
        }
        out.flush();
        return 0;
    }

    /** What shell completion offers after --format. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("table", "json").iterator();
        }
    }
}
