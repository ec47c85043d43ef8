package dev.contedor.cgroups.controller.memory;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.cgroups.controller.LayoutAwareController;

/** Memory limits ({@code --memory}, {@code --memory-reservation}, {@code --memory-swap}) and memory usage. */
public final class MemoryController implements LayoutAwareController {
    private final MemoryV1 v1 = new MemoryV1();
    private final MemoryV2 v2 = new MemoryV2();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.memoryLimit().isPresent() || resources.memoryReservation().isPresent()
                || resources.memorySwap().isPresent();
    }

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        if (directory.version() == CgroupVersion.V1) {
            v1.apply(resources, directory);
        } else {
            v2.apply(resources, directory);
        }
    }

    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats.memory(directory.version() == CgroupVersion.V1 ? v1.stats(directory) : v2.stats(directory));
    }
}
