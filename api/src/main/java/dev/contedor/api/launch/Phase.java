package dev.contedor.api.launch;

/**
 * Where in the child's sequence an operation runs. Operations run phase by phase, and in
 * the order they were added within a phase.
 */
public enum Phase {
    /** Right after clone, in the new namespaces, before the parent's hooks have run. */
    CLONED,
    /** After the parent said "go": hostname, network links, anything not tied to paths. */
    NAMESPACES,
    /** Before pivot_root; paths are the host's view (the rootfs is not yet the root). */
    ROOTFS,
    /** The pivot_root itself. */
    PIVOT,
    /** After pivot_root; paths are container paths and cannot escape the root. */
    CONTAINER,
    /**
     * After the container's file system and kernel settings are in place: masked and
     * read-only paths, the read-only root. A sysctl ({@link LaunchOp.SetSysctl}) belongs to
     * {@link #CONTAINER}, before {@code /proc/sys} becomes read-only here.
     */
    LOCKDOWN,
    /** The process's own attributes: terminal, identity, capabilities, working directory. */
    PROCESS,
    /** The final execve. */
    EXEC
}
