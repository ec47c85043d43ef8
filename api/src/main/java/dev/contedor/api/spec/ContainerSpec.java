package dev.contedor.api.spec;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.rootfs.Overlay;

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
 * @param resources     cgroup limits
 * @param cgroupPath    the container's cgroup, relative to each hierarchy's root ({@code contedor/ID})
 * @param overlay       when present, {@code rootfs} is the empty mount point of this overlay
 */
public record ContainerSpec(String id, Path rootfs, boolean readonlyRoot, ProcessSpec process,
                            Optional<String> hostname, Optional<String> domainname,
                            List<MountSpec> mounts, List<NamespaceSpec> namespaces,
                            List<String> maskedPaths, List<String> readonlyPaths,
                            Map<String, String> annotations, Resources resources, String cgroupPath,
                            Optional<Overlay> overlay) {
    /** The default parent of containers' cgroups, as docker's is {@code docker}. */
    public static final String DEFAULT_CGROUP_PARENT = "contedor";

    /** A spec whose root is a folder used in place. */
    public ContainerSpec(String id, Path rootfs, boolean readonlyRoot, ProcessSpec process,
                         Optional<String> hostname, Optional<String> domainname,
                         List<MountSpec> mounts, List<NamespaceSpec> namespaces,
                         List<String> maskedPaths, List<String> readonlyPaths,
                         Map<String, String> annotations, Resources resources, String cgroupPath) {
        this(id, rootfs, readonlyRoot, process, hostname, domainname, mounts, namespaces, maskedPaths, readonlyPaths,
                annotations, resources, cgroupPath, Optional.empty());
    }

    /** A spec without limits, in the default cgroup parent. */
    public ContainerSpec(String id, Path rootfs, boolean readonlyRoot, ProcessSpec process,
                         Optional<String> hostname, Optional<String> domainname,
                         List<MountSpec> mounts, List<NamespaceSpec> namespaces,
                         List<String> maskedPaths, List<String> readonlyPaths, Map<String, String> annotations) {
        this(id, rootfs, readonlyRoot, process, hostname, domainname, mounts, namespaces, maskedPaths, readonlyPaths,
                annotations, Resources.NONE, DEFAULT_CGROUP_PARENT + "/" + id);
    }

    public ContainerSpec {
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(cgroupPath, "cgroupPath");
        if (cgroupPath.startsWith("/") || cgroupPath.contains("..")) {
            throw new IllegalArgumentException("cgroup path must be relative and stay below the hierarchy root: " + cgroupPath);
        }
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
