package dev.contedor.api.cgroup;

/** Which cgroup interface a hierarchy speaks. */
public enum CgroupVersion {
    /** One hierarchy per controller (or group of controllers), {@code cgroup} file system. */
    V1,
    /** The unified hierarchy, {@code cgroup2} file system. */
    V2
}
