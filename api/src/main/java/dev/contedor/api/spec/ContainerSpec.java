package dev.contedor.api.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container is, shaped after the OCI runtime spec's {@code config.json}, in groups:
 * its root filesystem, process, names, file system view, namespaces and cgroup. Immutable;
 * isolators read it and contribute to a launch plan. Everything the engine learned from the
 * host (the content of /etc/hosts, the capabilities it can grant) is already in it: an
 * isolator's {@code contribute} reads no host file.
 *
 * @param id          the container's id (64 hex characters for containers contedor names)
 * @param root        the root filesystem
 * @param process     the command and how it runs
 * @param names       hostname and domain name (empty with the host's UTS namespace)
 * @param filesystem  mounts, masked and read-only paths, files the engine provides
 * @param namespaces  namespaces the container gets; a type absent here is the host's
 * @param cgroup      the container's cgroup and its limits
 * @param annotations free-form key/value pairs, kept in the state
 */
public record ContainerSpec(String id, RootSpec root, ProcessSpec process, UtsNames names, FilesystemSpec filesystem,
                            List<NamespaceSpec> namespaces, CgroupSpec cgroup, Map<String, String> annotations) {
    /** The default parent of containers' cgroups, as docker's is {@code docker}. */
    public static final String DEFAULT_CGROUP_PARENT = "contedor";

    public ContainerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(cgroup, "cgroup");
        namespaces = List.copyOf(namespaces);
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
