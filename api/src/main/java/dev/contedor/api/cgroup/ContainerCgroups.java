package dev.contedor.api.cgroup;

import dev.contedor.api.cgroup.stats.ContainerStats;

/**
 * What the lifecycle and metrics need of a container's cgroups, on whatever layout the
 * host has (v1, v2, hybrid). Contributed by a plugin (contedor's cgroups plugin); the engine uses one. {@code path} is the
 * container's cgroup path relative to each hierarchy's root, e.g. {@code contedor/ID}.
 */
public interface ContainerCgroups {

    /** Usage now, read from every hierarchy the container has a folder in. */
    ContainerStats stats(String id, String path);

    /** Stops every process of the container (v1 {@code freezer.state}, v2 {@code cgroup.freeze}); returns once frozen. */
    void freeze(String path);

    /** Lets a frozen container run again. */
    void thaw(String path);

    /** Sends a signal to every process of the container (v2 {@code cgroup.kill} for SIGKILL, else each pid while frozen). */
    void killAll(String path, int signal);
}
