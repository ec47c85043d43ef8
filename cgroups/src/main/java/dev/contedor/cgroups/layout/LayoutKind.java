package dev.contedor.cgroups.layout;

/** How a host arranges its cgroup hierarchies. */
public enum LayoutKind {
    /** Only v1 hierarchies hold controllers; no cgroup2 file system is mounted. */
    V1,
    /** Only the unified (cgroup2) hierarchy holds controllers. */
    V2,
    /**
     * v1 hierarchies hold controllers and a cgroup2 file system is mounted too (systemd's
     * "hybrid": usually at {@code /sys/fs/cgroup/unified}, often with no controller at all).
     */
    HYBRID
}
