package dev.contedor.cli.commands.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.cli.terminal.ProgressBar;
import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.ImageReference;
import dev.contedor.rootfs.image.ImageStore;
import dev.contedor.runtime.spec.ResourceParser;
import dev.contedor.rootfs.image.ImportProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** {@code contedor image import FILE [NAME[:TAG]]}: a tarball or an image archive becomes an image. */
@Command(name = "import", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Import a root filesystem tarball, a 'docker save' archive or an OCI layout as an image.",
                "FILE is a tarball (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz, .tar.zst), a 'docker save' archive, "
                        + "or an OCI image layout (folder or tar); its kind is recognised from its content.",
                "Prints the new image's id (sha256:...). A progress bar goes to stderr when the output is a "
                        + "terminal."},
        footer = {"", "Examples:",
                "  contedor image import rootfs.tar.gz mybase:1.0",
                "  docker save busybox:1.36 -o busybox.tar && contedor image import busybox.tar",
                "  contedor image import ./oci-layout alpine:3.20"})
public final class ImageImportCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Refuse the import once it has written more than SIZE (e.g. 2g): a small compressed archive "
                    + "can unpack to far more. Without it, an import stops before the disk is full.")
    String maxSize;

    @Parameters(index = "0", paramLabel = "FILE", description = "The tarball, archive or OCI layout folder.")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME[:TAG]",
            description = "Name for the image (tag default: latest), instead of the names a 'docker save' archive "
                    + "carries; an image that had this name loses it.")
    String name;

    @Override
    public Integer call() {
        Optional<ImageReference> tag = name == null ? Optional.empty() : Optional.of(ImageReference.parse(name));
        OptionalLong maxBytes = maxSize == null ? OptionalLong.empty()
                : OptionalLong.of(ResourceParser.sizeValue("--max-size", maxSize));
        if (file.toString().equals("-")) {
            throw ContedorException.runtime("image import: reading from standard input is not supported; "
                    + "give a file or a folder");
        }
        if (!Files.exists(file)) {
            throw ContedorException.runtime("image import: " + file + ": no such file or folder");
        }
        ImageCli.requireRoot(spec);
        ImageStore store = ImageCli.store(spec);
        ImportProgress progress = ProgressBar.whenInteractive(spec.commandLine().getErr());
        Image image;
        try {
            image = store.importArchive(file.toAbsolutePath(), tag, progress, maxBytes);
        } finally {
            progress.finished();
        }
        spec.commandLine().getOut().println("sha256:" + image.id());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
