package dev.contedor.rootfs.image;

import java.time.Instant;
import java.util.List;

/**
 * An image in the store.
 *
 * @param id      64 hex digits: the sha256 of the stored configuration JSON, as docker and OCI define it
 * @param tags    its names, {@code repository:tag}, sorted; empty for a dangling image
 * @param diffIds its layers as {@code sha256:<hex>} of each uncompressed layer tar, bottom layer first
 * @param config  how to run it
 * @param size    bytes of its unpacked layers (shared layers counted in full)
 * @param created when it was imported into this store
 */
public record Image(String id, List<String> tags, List<String> diffIds, ImageConfig config, long size,
                    Instant created) {

    public Image {
        tags = List.copyOf(tags);
        diffIds = List.copyOf(diffIds);
    }

    /** The first 12 hex digits of the id, as {@code docker images} shows it. */
    public String shortId() {
        return id.substring(0, Math.min(12, id.length()));
    }
}
