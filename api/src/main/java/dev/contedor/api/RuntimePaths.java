package dev.contedor.api;

import java.nio.file.Path;

/**
 * Where contedor keeps things: per-container state (tmpfs, gone at reboot), data that
 * lasts (images, unpacked root filesystems), and the plugins folder.
 */
public record RuntimePaths(Path stateRoot, Path dataRoot, Path pluginsDir) {
    public static final Path DEFAULT_STATE_ROOT = Path.of("/run/contedor");
    public static final Path DEFAULT_DATA_ROOT = Path.of("/var/lib/contedor");

    public Path containerDir(String id) {
        return stateRoot.resolve(id);
    }
}
