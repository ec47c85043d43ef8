package dev.contedor.runtime.spec;

import dev.contedor.api.spec.Capability;

import dev.contedor.api.rootfs.RootfsSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the user asked of {@code run}, already parsed but not yet checked against the system.
 *
 * @param rootfs       the root filesystem: the built-in one, {@code --rootfs PATH}, or an image
 * @param command      the command and its arguments; empty to take the image's
 * @param user         {@code -u} as given ({@code user[:group]}, names or numbers); empty to take the image's, else root
 * @param cgroupParent {@code --cgroup-parent}: the folder containers' cgroups go in (default {@code contedor})
 * @param entrypoint   {@code --entrypoint}: replaces the image's (an empty string clears it) and, as in
 *                     docker, drops the image's default command
 * @param annotations  {@code --annotation KEY=VALUE}: the container's OCI annotations, checked by {@link Annotations}
 */
public record RunRequest(RootfsSource rootfs, List<String> command, List<String> env, Optional<String> workdir,
                         Optional<String> user, Optional<String> hostname, boolean terminal, boolean interactive,
                         NamespaceMode pid, NamespaceMode ipc, NamespaceMode uts, NamespaceMode network,
                         Set<Capability> capAdd, Set<Capability> capDrop, boolean allCapsDropped,
                         boolean privileged, boolean readOnly, ResourceFlags resources, Optional<String> cgroupParent,
                         Optional<String> entrypoint, Map<String, String> annotations) {
    /** A request without annotations. */
    public RunRequest(RootfsSource rootfs, List<String> command, List<String> env, Optional<String> workdir,
                      Optional<String> user, Optional<String> hostname, boolean terminal, boolean interactive,
                      NamespaceMode pid, NamespaceMode ipc, NamespaceMode uts, NamespaceMode network,
                      Set<Capability> capAdd, Set<Capability> capDrop, boolean allCapsDropped,
                      boolean privileged, boolean readOnly, ResourceFlags resources, Optional<String> cgroupParent,
                      Optional<String> entrypoint) {
        this(rootfs, command, env, workdir, user, hostname, terminal, interactive, pid, ipc, uts, network, capAdd,
                capDrop, allCapsDropped, privileged, readOnly, resources, cgroupParent, entrypoint, Map.of());
    }

    /** A request without resource flags, in the default cgroup parent. */
    public RunRequest(RootfsSource rootfs, List<String> command, List<String> env, Optional<String> workdir,
                      Optional<String> user, Optional<String> hostname, boolean terminal, boolean interactive,
                      NamespaceMode pid, NamespaceMode ipc, NamespaceMode uts, NamespaceMode network,
                      Set<Capability> capAdd, Set<Capability> capDrop, boolean allCapsDropped,
                      boolean privileged, boolean readOnly) {
        this(rootfs, command, env, workdir, user, hostname, terminal, interactive, pid, ipc, uts, network, capAdd,
                capDrop, allCapsDropped, privileged, readOnly, ResourceFlags.NONE, Optional.empty(), Optional.empty());
    }

    public RunRequest {
        command = List.copyOf(command);
        env = List.copyOf(env);
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
        annotations = Map.copyOf(annotations);
    }
}
