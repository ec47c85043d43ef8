package dev.contedor.cgroups.controller.pids;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.cgroups.controller.LayoutAwareController;

/** The number of tasks a container may have ({@code --pids-limit}) and how many it has. */
public final class PidsController implements LayoutAwareController {
    private final PidsFiles files = new PidsFiles();

    @Override
    public String name() {
        return "pids";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.pidsLimit().isPresent();
    }

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        files.apply(resources, directory);
    }

    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats.pids(files.stats(directory));
    }
}
