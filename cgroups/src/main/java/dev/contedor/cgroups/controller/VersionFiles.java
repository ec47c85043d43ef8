package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;

/** One cgroup version's files of a controller: where its limits go and its usage comes from. */
public interface VersionFiles {

    /** Writes the limits into the container's folder. */
    void apply(Resources resources, CgroupDirectory directory);

    /** Adds the usage read from the folder to the stats being built; by default none. */
    default void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
    }
}
