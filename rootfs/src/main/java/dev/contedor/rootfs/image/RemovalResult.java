package dev.contedor.rootfs.image;

import java.util.List;

/**
 * What {@link ImageStore#remove} did, in docker's terms.
 *
 * @param untagged        names ({@code repository:tag}) removed
 * @param deletedImageIds ids (64 hex) of images deleted
 * @param reclaimedBytes  bytes of layers deleted because no image used them any more
 */
public record RemovalResult(List<String> untagged, List<String> deletedImageIds, long reclaimedBytes) {
    public RemovalResult {
        untagged = List.copyOf(untagged);
        deletedImageIds = List.copyOf(deletedImageIds);
    }
}
