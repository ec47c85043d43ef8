package dev.contedor.rootfs.image;

import dev.contedor.rootfs.overlay.ContainerLayers;
import java.nio.file.Path;
import java.util.Set;

/** What the containers of a data folder use of the store; a seam for tests. */
interface ContainerUse {

    /** Ids of the images live containers run from. */
    Set<String> imagesInUse();

    /** Removes dead containers' layers; returns how many. */
    int removeStale();

    static ContainerUse of(Path dataRoot) {
        ContainerLayers layers = new ContainerLayers(dataRoot);
        return new ContainerUse() {
            @Override
            public Set<String> imagesInUse() {
                return layers.imagesInUse();
            }

            @Override
            public int removeStale() {
                return layers.removeStale();
            }
        };
    }
}
