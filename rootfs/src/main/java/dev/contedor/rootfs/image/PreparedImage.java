package dev.contedor.rootfs.image;

import dev.contedor.rootfs.image.format.Digest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An import ready to commit: everything checked, new layers unpacked in staging.
 *
 * @param configBytes the configuration as it will be stored
 * @param diffIds     the image's layers, bottom first
 * @param staged      the layers this import unpacked, by diff id (the others are pinned in the store)
 * @param names       the names to give it
 */
record PreparedImage(byte[] configBytes, List<Digest> diffIds, Map<Digest, Path> staged, List<ImageReference> names) {
    PreparedImage {
        diffIds = List.copyOf(diffIds);
        staged = Map.copyOf(staged);
        names = List.copyOf(names);
    }
}
