package dev.contedor.api.launch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something on the host that a container holds and the runtime removes after its end (a
 * cgroup folder, the container's own layer, its state folder). The launcher is told too, so
 * that when the runtime dies first (SIGKILL, the OOM killer), the launcher removes it once
 * the container is dead and nothing is left behind.
 */
public sealed interface Leftover {
    /** An absolute host path. */
    Path path();

    /** A cgroup folder: what still runs in it is killed (a v1 freezer thawed first), then the folder removed. */
    record CgroupFolder(Path path) implements Leftover {
        public CgroupFolder {
            check(path);
        }
    }

    /** A folder others may share (a cgroup parent): removed only if empty. */
    record FolderIfEmpty(Path path) implements Leftover {
        public FolderIfEmpty {
            check(path);
        }
    }

    /** A folder and everything in it, never crossing into another mount. */
    record Tree(Path path) implements Leftover {
        public Tree {
            check(path);
        }
    }

    private static void check(Path path) {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute() || path.getNameCount() < 2) {
            throw new IllegalArgumentException("a leftover must be an absolute path below a folder: " + path);
        }
    }
}
