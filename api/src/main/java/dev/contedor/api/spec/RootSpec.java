package dev.contedor.api.spec;

import dev.contedor.api.rootfs.Overlay;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's root filesystem, OCI's {@code root}.
 *
 * @param path     an existing directory: the root filesystem used in place, or the empty
 *                 mount point of {@code overlay}
 * @param readonly mount the root read-only ({@code --read-only})
 * @param overlay  when present, mounted on {@code path} in the container's mount namespace
 */
public record RootSpec(Path path, boolean readonly, Optional<Overlay> overlay) {
    public RootSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(overlay, "overlay");
    }

    /** A folder used in place, writable. */
    public static RootSpec folder(Path path) {
        return new RootSpec(path, false, Optional.empty());
    }
}
