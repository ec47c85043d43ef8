package dev.contedor.cgroups.controller.io;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.cgroups.controller.LayoutAwareController;

/**
 * Block IO weight and per-device rates ({@code --blkio-weight}, {@code --device-read-bps}, ...)
 * and IO done. {@code io} on v2, {@code blkio} on v1.
 */
public final class IoController implements LayoutAwareController {
    private final BlkioV1 v1 = new BlkioV1();
    private final IoV2 v2 = new IoV2();

    @Override
    public String name() {
        return "io";
    }

    @Override
    public String v1Name() {
        return "blkio";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.blkioWeight().isPresent() || !resources.deviceReadBps().isEmpty()
                || !resources.deviceWriteBps().isEmpty() || !resources.deviceReadIops().isEmpty()
                || !resources.deviceWriteIops().isEmpty();
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
        (directory.version() == CgroupVersion.V1 ? v1.stats(directory) : v2.stats(directory)).forEach(stats::io);
    }
}
