package dev.contedor.api.cgroup;

import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.spec.ContainerSpec;

/**
 * One resource controller (memory, cpu, pids, ...): how docker's limits map to its files on
 * cgroup v1 and v2, and how its usage is read back. Contributed by a
 * {@link dev.contedor.api.plugin.Plugin#cgroupControllers() plugin}; stateless. The host must
 * have the kernel controller of that {@link #name()}: contedor makes the container a folder
 * in its hierarchy.
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

    /**
     * Whether this controller has anything to enforce for the container. By default whether
     * its {@linkplain #appliesTo(Resources) resources} set anything; a plugin's controller may
     * decide on the container's annotations instead.
     */
    default boolean appliesTo(ContainerSpec spec) {
        return appliesTo(spec.cgroup().resources());
    }

    /**
     * Writes what the container needs into its folder of this controller's hierarchy, while
     * the init waits after clone. By default the {@linkplain #apply(Resources, CgroupDirectory) limits}.
     */
    default void apply(ContainerSpec spec, CgroupDirectory directory) {
        apply(spec.cgroup().resources(), directory);
    }

    /** Adds this controller's usage figures to the stats being built. */
    default void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
    }
}
