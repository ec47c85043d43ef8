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
 * @param rootfs the {@code --rootfs} argument; empty for the built-in root filesystem
 */
public record RunRequest(Optional<Path> rootfs, List<String> command, List<String> env, Optional<String> workdir,
                         User user, Optional<String> hostname, boolean terminal, boolean interactive,
                         NamespaceMode pid, NamespaceMode ipc, NamespaceMode uts, NamespaceMode network,
                         Set<Capability> capAdd, Set<Capability> capDrop, boolean allCapsDropped,
                         boolean privileged, boolean readOnly) {
    public RunRequest {
        command = List.copyOf(command);
        env = List.copyOf(env);
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
    }
}
