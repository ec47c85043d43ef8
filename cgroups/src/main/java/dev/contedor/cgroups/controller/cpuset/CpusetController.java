package dev.contedor.cgroups.controller.cpuset;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.LayoutAwareController;

/** The CPUs and memory nodes a container may use ({@code --cpuset-cpus}, {@code --cpuset-mems}). */
public final class CpusetController implements LayoutAwareController {
    private final CpusetV1 v1 = new CpusetV1();
    private final CpusetV2 v2 = new CpusetV2();

    @Override
    public String name() {
        return "cpuset";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.cpusetCpus().isPresent() || resources.cpusetMems().isPresent();
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
    public void prepareV1Level(CgroupDirectory parent, CgroupDirectory level) {
        v1.inheritFromParent(parent, level);
    }
}
