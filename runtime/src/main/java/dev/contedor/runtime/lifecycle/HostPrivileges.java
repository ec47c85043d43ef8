package dev.contedor.runtime.lifecycle;

import dev.contedor.api.error.ContedorException;
import dev.contedor.host.ProcessCredentials;

/** Checks that contedor runs as root before it tries what only root may do. */
public final class HostPrivileges {
    private HostPrivileges() {
    }

    public static void requireRoot(String command) {
        requireRoot(command, "it creates namespaces, mounts and cgroups");
    }

    /** @param why what the command does that needs root, e.g. "it writes the image store" */
    public static void requireRoot(String command, String why) {
        if (!ProcessCredentials.isRoot()) {
            throw ContedorException.runtime("contedor " + command + " must run as root: " + why + ". Run it with sudo.");
        }
    }
}
