package dev.contedor.cgroups.controller.freezer;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.VersionedController;

import java.time.Duration;

/**
 * Stops and resumes every task of a container at once ({@code pause}, {@code unpause}, and
 * kill-all without races with forks). Sets no limits: it is a controller so that the
 * container gets a folder in the v1 freezer hierarchy.
 */
public final class FreezerController extends VersionedController<FreezerFiles> {
    /** How long freezing may take before it is reported as failed. */
    public static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(5);
    /** The v1 freezer's state file ({@code FROZEN}, {@code THAWED}). */
    public static final String V1_STATE = FreezerV1.STATE;

    public FreezerController() {
        super(new FreezerV1(), new FreezerV2());
    }

    @Override
    public String name() {
        return "freezer";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return false;
    }

    /** v2's {@code cgroup.freeze} is in every cgroup2 folder. */
    @Override
    public boolean coreOnV2() {
        return true;
    }

    /** Returns once every task is frozen. */
    public void freeze(CgroupDirectory directory) {
        files(directory).freeze(directory, FREEZE_TIMEOUT);
    }

    public void thaw(CgroupDirectory directory) {
        files(directory).thaw(directory);
    }

    public boolean isFrozen(CgroupDirectory directory) {
        return files(directory).isFrozen(directory);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ContedorException.runtime("interrupted while freezing a cgroup", e);
        }
    }
}
