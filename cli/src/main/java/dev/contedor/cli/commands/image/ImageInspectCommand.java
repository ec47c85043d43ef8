package dev.contedor.cli.commands.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.ImageStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code contedor image inspect REF...}: docker's JSON document for each image. */
@Command(name = "inspect", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Show images' details as JSON.",
                "A JSON array with docker's field names: Id, RepoTags, Created, Config (User, Env, Cmd, "
                        + "WorkingDir, Entrypoint), Architecture, Os, Size, RootFS.",
                "REF is a NAME[:TAG], a full or short id, or sha256:<id>. The images found are printed even "
                        + "when another REF is not; then the exit code is 125."},
        footer = {"", "Examples:",
                "  contedor image inspect debian:bookworm",
                "  contedor image inspect 3f57d9401f8d mybase:1.0"})
public final class ImageInspectCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(arity = "1..*", paramLabel = "REF", description = "Image names or ids.")
    List<String> references = new ArrayList<>();

    @Override
    public Integer call() {
        ImageStore store = ImageCli.store(spec);
        List<Image> found = new ArrayList<>();
        List<ContedorException> missing = new ArrayList<>();
        for (String reference : references) {
            try {
                found.add(store.require(reference));
            } catch (ContedorException e) {
                missing.add(e);
            }
        }
        spec.commandLine().getOut().print(ImageFormat.inspectJson(found));
        spec.commandLine().getOut().flush();
        missing.forEach(e -> ImageCli.report(spec, e));
        return missing.isEmpty() ? 0 : ExitCode.RUNTIME_FAILURE.code();
    }
}
