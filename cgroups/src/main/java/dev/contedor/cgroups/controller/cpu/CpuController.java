package dev.contedor.cgroups.controller.cpu;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.cgroups.controller.LayoutAwareController;

import java.util.Set;

/** CPU weight and bandwidth ({@code --cpu-shares}, {@code --cpus}, {@code --cpu-quota}, {@code --cpu-period}) and CPU usage. */
public final class CpuController implements LayoutAwareController {
    private final CpuV1 v1 = new CpuV1();
    private final CpuV2 v2 = new CpuV2();

    @Override
    public String name() {
        return "cpu";
    }

    /** On v1 the usage is cpuacct's, a hierarchy of its own on some hosts. */
    @Override
    public Set<String> v1Companions() {
        return Set.of("cpuacct");
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.cpuShares().isPresent() || resources.cpuQuota().isPresent()
                || resources.cpuPeriod().isPresent();
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
        stats.cpu(directory.version() == CgroupVersion.V1 ? v1.stats(directory) : v2.stats(directory));
    }
}
