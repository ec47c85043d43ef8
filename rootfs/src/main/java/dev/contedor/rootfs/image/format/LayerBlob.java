package dev.contedor.rootfs.image.format;

import java.util.Optional;

/**
 * One layer of an image to import: where its blob is in the source and what it must hash to.
 *
 * @param path        the blob's path in the archive or layout
 * @param digest      the digest of the blob as stored (compressed), when the format gives one
 * @param size        the blob's size as declared, or -1
 * @param diffId      the digest of the uncompressed tar, from the image configuration
 * @param description names the layer in messages, e.g. {@code layer 2 of 3 (blobs/sha256/ab..)}
 */
public record LayerBlob(String path, Optional<Digest> digest, long size, Digest diffId, String description) {
}
