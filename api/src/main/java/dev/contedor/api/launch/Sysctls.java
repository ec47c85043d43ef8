package dev.contedor.api.launch;

import dev.contedor.api.spec.NamespaceType;

import java.util.Set;

/**
 * Which sysctls belong to a container's own namespaces, the list runc and docker accept:
 * writing any other would change the host for everyone.
 */
final class Sysctls {
    private static final Set<String> IPC = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");
    private static final String ALLOWED = "net.*, kernel.shm*, kernel.msg*, kernel.sem or fs.mqueue.*";

    private Sysctls() {
    }

    static void check(String name, String value) {
        Checks.text("sysctl " + name, value);
        if (!name.matches("[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+")) {
            throw new InvalidLaunchOpException("sysctl " + name + ": not a sysctl name; write it with dots, "
                    + "e.g. net.ipv4.ip_unprivileged_port_start");
        }
        if (namespaceOrNull(name) == null) {
            throw new InvalidLaunchOpException("sysctl " + name + ": not namespaced, so a container cannot set it "
                    + "(it would change the host); only " + ALLOWED + " are; set it on the host instead");
        }
        if (value.isEmpty() || value.contains("\n")) {
            throw new InvalidLaunchOpException("sysctl " + name + ": give a value on one line");
        }
    }

    static NamespaceType namespace(String name) {
        return namespaceOrNull(name);
    }

    private static NamespaceType namespaceOrNull(String name) {
        if (name.startsWith("net.")) {
            return NamespaceType.NETWORK;
        }
        if (IPC.contains(name) || name.startsWith("fs.mqueue.")) {
            return NamespaceType.IPC;
        }
        return null;
    }
}
