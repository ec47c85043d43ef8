package dev.contedor.rootfs.image;

import java.util.List;

/**
 * What {@link ImageStore#prune} did.
 *
 * @param deletedImageIds ids (64 hex) of images deleted
 * @param deletedLayers   layers deleted because no image used them
 * @param staleContainers writable layers of dead containers removed
 * @param reclaimedBytes  bytes of layers deleted
 */
public record PruneResult(List<String> deletedImageIds, int deletedLayers, int staleContainers, long reclaimedBytes) {
    public PruneResult {
        deletedImageIds = List.copyOf(deletedImageIds);
    }
}
