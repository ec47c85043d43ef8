package dev.contedor.api.rootfs;

import java.nio.file.Path;
import java.util.Objects;

/** What the user named as a container's root filesystem. */
public sealed interface RootfsSource {

    /** contedor's built-in root filesystem (busybox, or the host's tools). */
    record Builtin() implements RootfsSource {
    }

    /** {@code --rootfs PATH}: a folder used in place, or a tarball unpacked once into the store. */
    record Folder(Path path) implements RootfsSource {
        public Folder {
            Objects.requireNonNull(path, "path");
        }
    }

    /** An image of the store, by name[:tag] or id (prefix). */
    record Image(String reference) implements RootfsSource {
        public Image {
            Objects.requireNonNull(reference, "reference");
        }
    }
}
