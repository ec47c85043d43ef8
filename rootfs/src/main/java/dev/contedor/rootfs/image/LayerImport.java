package dev.contedor.rootfs.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.extract.TarEntryException;
import dev.contedor.rootfs.extract.WriteBudget;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.format.ImageFiles;
import dev.contedor.rootfs.image.format.LayerBlob;
import dev.contedor.rootfs.image.format.VerifyingInputStream;
import dev.contedor.rootfs.image.layer.LayerUnpacker;
import dev.contedor.rootfs.tarball.ArchiveFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Unpacks one layer blob into a staging folder while checking it: the blob's bytes against its
 * digest and the uncompressed tar against its diff id, in the same read. The folder's content
 * counts only once both match; until then it is staging, thrown away on any failure.
 */
final class LayerImport {
    private final LayerUnpacker unpacker;

    LayerImport(LayerUnpacker unpacker) {
        this.unpacker = unpacker;
    }

    /**
     * @param expectedDiffId the diff id the configuration gives, or empty for a tarball whose
     *                       diff id is whatever its content hashes to
     * @param lowerLayers    folders of the layers below, top first
     * @param budget         the import's, charged with what is written
     * @return the diff id of what was unpacked
     */
    Digest unpack(InputStream blob, Optional<Digest> blobDigest, long blobSize, Optional<Digest> expectedDiffId,
                  String description, Path target, List<Path> lowerLayers, WriteBudget budget) throws IOException {
        try (VerifyingInputStream raw = new VerifyingInputStream(blob, blobDigest, blobSize, description);
             VerifyingInputStream tar = new VerifyingInputStream(decompressing(raw, description), expectedDiffId, -1,
                     description + ", uncompressed,", "the diff id the image configuration gives it,")) {
            try {
                unpacker.unpack(tar, target, lowerLayers, budget);
            } catch (TarEntryException e) {
                throw ContedorException.runtime(description + ": " + e.getMessage()
                        + "; the layer is unsafe or damaged, nothing was imported", e);
            }
            // The tar's end blocks may not have been read by the unpacker: the diff id covers
            // them. The blob's digest is checked first, since a damaged blob explains a wrong
            // diff id and not the reverse.
            tar.transferTo(java.io.OutputStream.nullOutputStream());
            raw.verify();
            return tar.verify();
        } catch (ContedorException e) {
            throw e;
        } catch (IOException e) {
            throw ContedorException.runtime(description + " cannot be read (" + e.getMessage()
                    + "); the archive is damaged or truncated, nothing was imported", e);
        }
    }

    /** Checks a blob whose layer the store already has: its bytes only, no unpacking. */
    static void verifyOnly(ImageFiles files, LayerBlob layer) throws IOException {
        try (VerifyingInputStream raw = new VerifyingInputStream(files.open(layer.path()), layer.digest(), layer.size(),
                layer.description())) {
            raw.verify();
        }
    }

    private static InputStream decompressing(InputStream raw, String description) throws IOException {
        try {
            return ArchiveFormat.decompressing(raw);
        } catch (ArchiveFormat.UnsupportedCompressionException e) {
            throw ContedorException.runtime(description + " is " + e.compression()
                    + "-compressed, which image layers cannot be (only gzip and zstd, or none)", e);
        }
    }
}
