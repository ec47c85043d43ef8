package dev.contedor.cgroups.controller.freezer;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.LayoutAwareController;

import java.time.Duration;

/**
 * Stops and resumes every task of a container at once ({@code pause}, {@code unpause}, and
 * kill-all without races with forks). Sets no limits: it is a controller so that the
 * container gets a folder in the v1 freezer hierarchy.
 */
public final class FreezerController implements LayoutAwareController {
    /** How long freezing may take before it is reported as failed. */
    public static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(5);

    private final FreezerV1 v1 = new FreezerV1();
    private final FreezerV2 v2 = new FreezerV2();

    @Override
    public String name() {
        return "freezer";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return false;
    }

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
    }

    /** v2's {@code cgroup.freeze} is in every cgroup2 folder. */
    @Override
    public boolean coreOnV2() {
        return true;
    }

    /** Returns once every task is frozen. */
    public void freeze(CgroupDirectory directory) {
        if (directory.version() == CgroupVersion.V1) {
            v1.freeze(directory, FREEZE_TIMEOUT);
        } else {
            v2.freeze(directory, FREEZE_TIMEOUT);
        }
    }

    public void thaw(CgroupDirectory directory) {
        if (directory.version() == CgroupVersion.V1) {
            v1.thaw(directory);
        } else {
            v2.thaw(directory);
        }
    }

    public boolean isFrozen(CgroupDirectory directory) {
        return directory.version() == CgroupVersion.V1 ? v1.isFrozen(directory) : v2.isFrozen(directory);
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
