package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.launch.Leftover;
import dev.contedor.cgroups.layout.CgroupLayout;

import java.util.List;
import java.util.Set;

/**
 * A container's cgroups on one kind of host layout. {@code path} is relative to each
 * hierarchy's mount point ({@code contedor/ID}); the driver knows in which hierarchies it
 * lives, so a container is found again from its path alone.
 */
public interface CgroupDriver {
    CgroupLayout layout();

    /** Where the container's folders are or would be. */
    ContainerFolders folders(String path);

    /**
     * Makes the container's folders (and their missing parents): one per v1 hierarchy that
     * holds a controller contedor knows, plus the cgroup2 folder when cgroup2 serves
     * controllers or is the only hierarchy. Controllers are enabled along the way where the
     * layout needs it.
     */
    void create(String path);

    /** Writes the limits through every controller that {@linkplain dev.contedor.api.cgroup.CgroupController#appliesTo applies}. */
    void apply(String path, Resources resources);

    /**
     * Writes what the container needs through every controller that
     * {@linkplain dev.contedor.api.cgroup.CgroupController#appliesTo(ContainerSpec) applies to it}:
     * its limits, and what plugin controllers read from its annotations.
     */
    void apply(String path, ContainerSpec spec);

    /** Moves a process (and its threads) into every folder of the container. */
    void attach(String path, long pid);

    /** Usage now; parts whose folder is gone are absent. */
    ContainerStats stats(String id, String path);

    /** Usage of some controllers only (by name), without PSI: for a quick look at a few counters. */
    ContainerStats stats(String id, String path, Set<String> controllers);

    /** Returns once every task is frozen. */
    void freeze(String path);

    void thaw(String path);

    /** Every process in the container's folders and below. */
    Set<Long> processes(String path);

    /** Sends a signal to every process of the container (cgroup v2's cgroup.kill for SIGKILL where it exists). */
    void killAll(String path, int signal);

    /** Removes the container's folders (absent ones are fine) and their parent when left empty. */
    void remove(String path);

    /**
     * What {@link #killAll} with SIGKILL and {@link #remove} do, as explicit steps under the
     * same policy ({@link dev.contedor.cgroups.fs.RemovalPolicy}), for a launcher to carry out
     * when the runtime died first: thaw a v1 freezer, {@code cgroup.kill}, then each folder
     * removed with retries while busy, then the parents left empty.
     */
    List<Leftover> leftovers(String path);

    /**
     * What {@link #create}, {@link #apply} and {@link #attach} would do, one line a step
     * (the folders, each limit file and value this host's layout takes, the attach), for
     * {@code run --explain}; nothing is made or written.
     */
    List<String> describeSetup(String path, Resources resources);
}
