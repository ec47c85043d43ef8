package dev.contedor.api.rootfs;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's root filesystem as the launch needs it.
 *
 * @param root     the folder the container's root becomes: a folder used in place, or the
 *                 (empty) mount point of the overlay
 * @param overlay  present when the root is an overlay of read-only layers, mounted on {@code root}
 * @param defaults the image's defaults for the process
 * @param image    the image's id, when the root comes from an image
 */
public record ContainerRootfs(Path root, Optional<Overlay> overlay, ImageDefaults defaults, Optional<String> image) {
    public ContainerRootfs {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(image, "image");
    }

    /** A folder used in place, without image defaults. */
    public static ContainerRootfs folder(Path root) {
        return new ContainerRootfs(root, Optional.empty(), ImageDefaults.NONE, Optional.empty());
    }
}
