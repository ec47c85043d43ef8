package dev.contedor.cgroups.controller.freezer;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;

import java.time.Duration;

/** One cgroup version's freezing files; they hold no limits. */
interface FreezerFiles extends VersionFiles {

    @Override
    default void apply(Resources resources, CgroupDirectory directory) {
    }

    /** Returns once every task is frozen, or fails after the timeout. */
    void freeze(CgroupDirectory directory, Duration timeout);

    void thaw(CgroupDirectory directory);

    boolean isFrozen(CgroupDirectory directory);
}
