package dev.contedor.cgroups.controller.freezer;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.fs.KeyedValues;

import java.time.Duration;

/**
 * cgroup v2 freezing, part of every cgroup2 folder: {@code 1} or {@code 0} to
 * {@code cgroup.freeze}; the group is frozen once {@code cgroup.events} says {@code frozen 1}.
 * Thawing takes effect at once.
 */
public final class FreezerV2 implements FreezerFiles {
    static final String FREEZE = "cgroup.freeze";
    static final String EVENTS = "cgroup.events";

    @Override
    public void freeze(CgroupDirectory directory, Duration timeout) {
        directory.write(FREEZE, "1");
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (!isFrozen(directory)) {
            if (System.nanoTime() > deadline) {
                throw ContedorException.runtime("cgroup " + directory.path() + " could not be frozen in "
                        + timeout.toMillis() + " ms (" + EVENTS + " never said frozen 1)");
            }
            FreezerController.sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    @Override
    public void thaw(CgroupDirectory directory) {
        directory.write(FREEZE, "0");
    }

    @Override
    public boolean isFrozen(CgroupDirectory directory) {
        return directory.read(EVENTS).map(KeyedValues::flat).map(e -> e.getOrDefault("frozen", 0L) == 1).orElse(false);
    }
}
