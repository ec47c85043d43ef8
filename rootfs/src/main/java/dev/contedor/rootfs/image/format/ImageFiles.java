package dev.contedor.rootfs.image.format;

import dev.contedor.api.error.ContedorException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The files of an image archive or layout, by their path inside it ({@code manifest.json},
 * {@code blobs/sha256/<hex>}). Every path is confined: a name climbing with {@code ..}, or a
 * link leading outside the archive or layout folder, is refused with a message naming it.
 */
public sealed interface ImageFiles extends Closeable permits LayoutFolderFiles, TarImageFiles {

    /** Names the source in messages, e.g. {@code archive /tmp/busybox.tar}. */
    String describe();

    /** True when {@code path} names a readable file (links followed inside the source). */
    boolean exists(String path) throws IOException;

    /** The size of the file at {@code path}; refused when missing or escaping. */
    long size(String path) throws IOException;

    /** Opens the file at {@code path}; refused when missing or escaping. */
    InputStream open(String path) throws IOException;

    /**
     * Reads a small document (manifest, index, configuration) whole, checked against its
     * digest and size when given.
     *
     * @param what names it in refusals, e.g. {@code the manifest sha256:ab..}
     */
    default byte[] readDocument(String path, Optional<Digest> digest, long expectedSize, String what) throws IOException {
        long size = size(path);
        if (size > Json.MAX_DOCUMENT_BYTES) {
            throw ContedorException.runtime(describe() + ": " + what + " (" + path + ") has " + size
                    + " bytes, more than any real image document; the archive is damaged or hostile");
        }
        try (VerifyingInputStream in = new VerifyingInputStream(open(path), digest, expectedSize,
                describe() + ": " + what + " (" + path + ")")) {
            byte[] bytes = in.readNBytes((int) Json.MAX_DOCUMENT_BYTES + 1);
            in.verify();
            return bytes;
        }
    }
}
