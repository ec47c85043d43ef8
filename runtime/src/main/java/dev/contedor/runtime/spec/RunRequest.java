package dev.contedor.runtime.spec;

import dev.contedor.api.spec.Capability;
import dev.contedor.api.spec.User;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the user asked of {@code run}, already parsed but not yet checked against the system.
 *
 * @param rootfs       the {@code --rootfs} argument; empty for the built-in root filesystem
 * @param cgroupParent {@code --cgroup-parent}: the folder containers' cgroups go in (default {@code contedor})
 */
public record RunRequest(Optional<Path> rootfs, List<String> command, List<String> env, Optional<String> workdir,
                         User user, Optional<String> hostname, boolean terminal, boolean interactive,
                         NamespaceMode pid, NamespaceMode ipc, NamespaceMode uts, NamespaceMode network,
                         Set<Capability> capAdd, Set<Capability> capDrop, boolean allCapsDropped,
                         boolean privileged, boolean readOnly, ResourceFlags resources, Optional<String> cgroupParent) {
    /** A request without resource flags, in the default cgroup parent. */
    public RunRequest(Optional<Path> rootfs, List<String> command, List<String> env, Optional<String> workdir,
                      User user, Optional<String> hostname, boolean terminal, boolean interactive,
                      NamespaceMode pid, NamespaceMode ipc, NamespaceMode uts, NamespaceMode network,
                      Set<Capability> capAdd, Set<Capability> capDrop, boolean allCapsDropped,
                      boolean privileged, boolean readOnly) {
        this(rootfs, command, env, workdir, user, hostname, terminal, interactive, pid, ipc, uts, network, capAdd,
                capDrop, allCapsDropped, privileged, readOnly, ResourceFlags.NONE, Optional.empty());
    }

    public RunRequest {
        command = List.copyOf(command);
        env = List.copyOf(env);
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
    }
}
