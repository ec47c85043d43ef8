package dev.contedor.api.cgroup;

import dev.contedor.api.cgroup.stats.ContainerStats;

/**
 * One resource controller (memory, cpu, pids, ...): how docker's limits map to its files on
 * cgroup v1 and v2, and how its usage is read back. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.contedor.api.cgroup.CgroupController}); stateless.
 */
public interface CgroupController {

    /**
     * The kernel's name of the controller as the v2 hierarchy lists it in
     * {@code cgroup.controllers} ({@code memory}, {@code cpu}, {@code io}, {@code pids}, ...).
     */
    String name();

    /** The v1 hierarchy's name when it differs ({@code blkio} for {@code io}); {@link #name()} otherwise. */
    default String v1Name() {
        return name();
    }

    /** Whether the resources set anything this controller enforces. */
    boolean appliesTo(Resources resources);

    /** Writes the limits into the container's folder of this controller's hierarchy. */
    void apply(Resources resources, CgroupDirectory directory);

    /** Adds this controller's usage figures to the stats being built. */
    default void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
    }
}
