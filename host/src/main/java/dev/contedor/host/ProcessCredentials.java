package dev.contedor.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this process is, read from /proc so that no native library has to be loaded (shared by every module). */
public final class ProcessCredentials {
    private ProcessCredentials() {
    }

    private static final class Cached {
        static final boolean ROOT = effectiveUid() == 0;
    }

    /** True when the effective uid is 0 (which, in a user namespace, may still lack privileges). */
    public static boolean isRoot() {
        return Cached.ROOT;
    }

    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    // Uid: real effective saved filesystem
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: assume the least privileged case.
        }
        return -1;
    }
}
