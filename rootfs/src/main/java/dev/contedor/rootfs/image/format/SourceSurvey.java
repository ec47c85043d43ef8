package dev.contedor.rootfs.image.format;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import dev.contedor.rootfs.tarball.ArchiveFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Tells what an import source is by its content, never its name. A tar is an image archive
 * when it holds {@code manifest.json} (docker) or {@code oci-layout} (OCI) and nothing but
 * what such archives hold; the first entry that no image archive has (such as {@code etc/}
 * or {@code bin/sh}) settles it as a root filesystem tarball, so surveying one costs a
 * few headers. Only the names of an image archive are read to its end, which for an
 * uncompressed archive is a seek per entry, and a decompression pass for a compressed one.
 *
 * @param kind        what the source is
 * @param compression how a tar source is compressed; empty for a folder
 */
public record SourceSurvey(SourceKind kind, Optional<ArchiveFormat> compression) {
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX_CONFIG = Pattern.compile("[0-9a-f]{64}\\.json");
    private static final List<String> TOP_LEVEL_FILES = List.of(OciLayoutReader.INDEX_FILE, "repositories");

    /** Surveys {@code source}, a file or an OCI layout folder. */
    public static SourceSurvey of(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            if (Files.isRegularFile(source.resolve(OciLayoutReader.LAYOUT_FILE))) {
                return new SourceSurvey(SourceKind.OCI_FOLDER, Optional.empty());
            }
            throw ContedorException.runtime("the folder " + source + " is not an OCI image layout (it has no "
                    + OciLayoutReader.LAYOUT_FILE + " file); to import a root filesystem folder, pack it first: tar -C "
                    + source + " -cf rootfs.tar .");
        }
        if (!Files.isRegularFile(source)) {
            throw ContedorException.runtime("cannot import " + source + ": "
                    + (Files.exists(source, LinkOption.NOFOLLOW_LINKS) ? "it is not a regular file or folder" : "no such file")
                    + "; give a tarball, a docker save archive or an OCI layout");
        }
        ArchiveFormat format;
        try {
            format = ArchiveFormat.detect(source).orElseThrow(() -> ContedorException.runtime("cannot import " + source
                    + ": it is not a tar archive (plain or gzip, bzip2, xz or zstd compressed) nor an OCI layout; "
                    + "give a root filesystem tarball, a docker save archive or an OCI layout"));
        } catch (ArchiveFormat.UnsupportedCompressionException e) {
            throw ContedorException.runtime("cannot import " + source + ": " + e.getMessage() + "; decompress it first: "
                    + e.decompressCommand() + " " + source, e);
        }
        return new SourceSurvey(kindOfTar(source, format), Optional.of(format));
    }

    private static SourceKind kindOfTar(Path source, ArchiveFormat format) throws IOException {
        boolean dockerManifest = false;
        boolean ociLayout = false;
        try (InputStream raw = format.open(source); TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                List<String> parts;
                try {
                    parts = EntryName.parse(entry.getName()).components();
                } catch (UnsafeEntryException e) {
                    // Not the shape of an image archive; the layer extraction names the entry.
                    return SourceKind.ROOTFS_TARBALL;
                }
                if (parts.isEmpty()) {
                    continue;
                }
                String top = parts.getFirst();
                boolean topLevelFile = parts.size() == 1 && !entry.isDirectory();
                if (topLevelFile && top.equals(DockerSaveReader.MANIFEST_FILE)) {
                    dockerManifest = true;
                } else if (topLevelFile && top.equals(OciLayoutReader.LAYOUT_FILE)) {
                    ociLayout = true;
                } else if (!isImageArchiveShaped(parts, topLevelFile)) {
                    return SourceKind.ROOTFS_TARBALL;
                }
            }
        } catch (IOException e) {
            throw ContedorException.runtime("cannot import " + source + ": it is not a readable tar archive (" + e.getMessage()
                    + "); the file is damaged or truncated", e);
        }
        // docker 25+ writes both; its manifest.json carries the full names.
        return dockerManifest ? SourceKind.DOCKER_ARCHIVE : ociLayout ? SourceKind.OCI_ARCHIVE : SourceKind.ROOTFS_TARBALL;
    }

    private static boolean isImageArchiveShaped(List<String> parts, boolean topLevelFile) {
        String top = parts.getFirst();
        return top.equals("blobs")
                || HEX_ID.matcher(top).matches()
                || (topLevelFile && (TOP_LEVEL_FILES.contains(top) || HEX_CONFIG.matcher(top).matches()));
    }
}
