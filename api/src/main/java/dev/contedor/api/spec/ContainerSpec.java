package dev.contedor.api.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container is, shaped after the OCI runtime spec's {@code config.json}: its root
 * filesystem, command, hostname, mounts and namespaces, and docker's masked and read-only
 * paths. Immutable; isolators read it and contribute to a launch plan.
 *
 * @param id            the container's id (64 hex characters for containers contedor names)
 * @param rootfs        an existing directory holding the root filesystem
 * @param readonlyRoot  mount the root filesystem read-only
 * @param namespaces    namespaces the container gets; a type absent here is the host's
 * @param maskedPaths   container paths hidden from the command (/dev/null or an empty tmpfs over them)
 * @param readonlyPaths container paths remounted read-only
 * @param annotations   free-form key/value pairs, kept in the state
 */
public record ContainerSpec(String id, Path rootfs, boolean readonlyRoot, ProcessSpec process,
                            Optional<String> hostname, Optional<String> domainname,
                            List<MountSpec> mounts, List<NamespaceSpec> namespaces,
                            List<String> maskedPaths, List<String> readonlyPaths,
                            Map<String, String> annotations) {
    public ContainerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(domainname, "domainname");
        mounts = List.copyOf(mounts);
        namespaces = List.copyOf(namespaces);
        maskedPaths = List.copyOf(maskedPaths);
        readonlyPaths = List.copyOf(readonlyPaths);
        annotations = Map.copyOf(annotations);
    }

    /** The container's own namespace of that type, if it has one. */
    public Optional<NamespaceSpec> namespace(NamespaceType type) {
        return namespaces.stream().filter(n -> n.type() == type).findFirst();
    }

    /** Whether the container gets a namespace of that type (new or joined) rather than the host's. */
    public boolean hasNamespace(NamespaceType type) {
        return namespace(type).isPresent();
    }

    /** The first 12 characters of the id, as docker shows it. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
