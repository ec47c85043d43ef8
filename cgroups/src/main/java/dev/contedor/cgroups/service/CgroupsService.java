package dev.contedor.cgroups.service;

import dev.contedor.api.cgroup.ContainerCgroups;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.cgroups.driver.CgroupDriver;

import java.util.function.Supplier;

/** {@link ContainerCgroups} on this host's layout: stats, pause, resume and kill-all for the lifecycle and metrics. */
public final class CgroupsService implements ContainerCgroups {
    private final Supplier<CgroupDriver> driver;

    public CgroupsService(Supplier<CgroupDriver> driver) {
        this.driver = driver;
    }

    @Override
    public ContainerStats stats(String id, String path) {
        return driver.get().stats(id, path);
    }

    @Override
    public void freeze(String path) {
        driver.get().freeze(path);
    }

    @Override
    public void thaw(String path) {
        driver.get().thaw(path);
    }

    @Override
    public void killAll(String path, int signal) {
        driver.get().killAll(path, signal);
    }
}
