package dev.contedor.runtime.lifecycle;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.host.ProcessCredentials;

/** Checks that contedor runs as root before it tries to create namespaces and mounts. */
public final class HostPrivileges {
    private HostPrivileges() {
    }

    public static void requireRoot(String command) {
        if (!ProcessCredentials.isRoot()) {
            throw ContedorException.runtime("contedor " + command + " must run as root: it creates namespaces, "
                    + "mounts and cgroups. Run it with sudo.");
        }
    }
}
