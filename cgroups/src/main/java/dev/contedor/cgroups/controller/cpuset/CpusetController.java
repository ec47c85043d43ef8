package dev.contedor.cgroups.controller.cpuset;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.controller.VersionedController;

/** The CPUs and memory nodes a container may use ({@code --cpuset-cpus}, {@code --cpuset-mems}). */
public final class CpusetController extends VersionedController<VersionFiles> {
    public CpusetController() {
        super(new CpusetV1(), new CpusetV2());
    }

    @Override
    public String name() {
        return "cpuset";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.cpuset().cpus().isPresent() || resources.cpuset().mems().isPresent();
    }

    @Override
    public void prepareV1Level(CgroupDirectory parent, CgroupDirectory level) {
        CpusetV1.inheritFromParent(parent, level);
    }
}
