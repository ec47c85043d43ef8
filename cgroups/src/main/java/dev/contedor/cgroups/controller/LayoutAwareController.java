package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;

import java.util.Set;

/**
 * What contedor's own controllers tell the drivers beyond the SPI. A plugin controller that
 * implements only {@link CgroupController} gets the defaults.
 */
public interface LayoutAwareController extends CgroupController {

    /**
     * Other v1 hierarchies whose files this controller reads or writes through its
     * directory: the cpu controller reads {@code cpuacct.*}, which lives in the cpuacct
     * hierarchy. The container gets a folder in them too.
     */
    default Set<String> v1Companions() {
        return Set.of();
    }

    /**
     * Whether the controller's v2 side is part of every cgroup2 folder rather than a
     * controller listed in {@code cgroup.controllers}: {@code cgroup.freeze} for the freezer,
     * eBPF for devices.
     */
    default boolean coreOnV2() {
        return false;
    }

    /**
     * Runs for each level of the container's path in this controller's v1 hierarchy, parent
     * first, right after the level exists (v1 cpuset copies the parent's cpus and mems down).
     */
    default void prepareV1Level(CgroupDirectory parent, CgroupDirectory level) {
    }

    /** The resources need this controller and the host has none: by default, a clear error. */
    default void unavailable(Resources resources) {
        throw ContedorException.runtime(UnavailableController.message(this));
    }
}
