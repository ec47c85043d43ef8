package dev.contedor.rootfs.image.format;

import dev.contedor.rootfs.image.ImageReference;
import java.util.List;

/**
 * An image found in an archive or layout, checked for consistency (as many layers as diff
 * ids) but with its layers not yet read.
 *
 * @param configBytes the configuration exactly as stored (its sha256 is the image id)
 * @param config      what the configuration says
 * @param layers      bottom layer first
 * @param names       the names the source gives the image (none is fine)
 */
public record ImageManifest(byte[] configBytes, ConfigDocument config, List<LayerBlob> layers, List<ImageReference> names) {

    public ImageManifest {
        layers = List.copyOf(layers);
        names = List.copyOf(names);
    }
}
