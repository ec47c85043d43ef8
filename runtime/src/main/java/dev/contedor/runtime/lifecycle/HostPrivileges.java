package dev.contedor.runtime.lifecycle;

import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that contedor runs as root before it tries to create namespaces and mounts. */
public final class HostPrivileges {
    private HostPrivileges() {
    }

    /** The effective uid, from /proc/self/status (no native call needed). */
    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static void requireRoot(String command) {
        if (effectiveUid() != 0) {
            throw ContedorException.runtime("contedor " + command + " must run as root: it creates namespaces, "
                    + "mounts and cgroups. Run it with sudo.");
        }
    }
}
