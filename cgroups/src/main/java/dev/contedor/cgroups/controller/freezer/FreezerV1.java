package dev.contedor.cgroups.controller.freezer;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.error.ContedorException;

import java.time.Duration;

/**
 * cgroup v1 freezer: {@code FROZEN} or {@code THAWED} to {@code freezer.state}. Freezing
 * goes through {@code FREEZING} until every task stopped; the request is repeated while
 * waiting, as runc does, since a task that forks at that instant can make it stall.
 */
public final class FreezerV1 implements FreezerFiles {
    static final String STATE = "freezer.state";

    @Override
    public void freeze(CgroupDirectory directory, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (true) {
            directory.write(STATE, "FROZEN");
            String state = directory.read(STATE).orElse("").strip();
            if (state.equals("FROZEN")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                directory.write(STATE, "THAWED");
                throw ContedorException.runtime("cgroup " + directory.path() + " could not be frozen in "
                        + timeout.toMillis() + " ms (" + STATE + " stayed " + state + ")");
            }
            FreezerController.sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    @Override
    public void thaw(CgroupDirectory directory) {
        directory.write(STATE, "THAWED");
    }

    @Override
    public boolean isFrozen(CgroupDirectory directory) {
        return directory.read(STATE).map(s -> s.strip().equals("FROZEN")).orElse(false);
    }
}
