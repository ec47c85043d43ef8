package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;

/**
 * A controller with one {@link VersionFiles} per cgroup version: {@link #apply} and
 * {@link #readStats} go to the one matching the directory's version.
 *
 * @param <F> what each version's files offer beyond limits and usage
 */
public abstract class VersionedController<F extends VersionFiles> implements LayoutAwareController {
    private final F v1;
    private final F v2;

    protected VersionedController(F v1, F v2) {
        this.v1 = v1;
        this.v2 = v2;
    }

    /** The files of the directory's cgroup version. */
    protected final F files(CgroupDirectory directory) {
        return directory.version() == CgroupVersion.V1 ? v1 : v2;
    }

    @Override
    public final void apply(Resources resources, CgroupDirectory directory) {
        files(directory).apply(resources, directory);
    }

    @Override
    public final void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        files(directory).readStats(directory, stats);
    }
}
