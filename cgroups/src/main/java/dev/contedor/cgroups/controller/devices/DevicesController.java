package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.LayoutAwareController;

/**
 * Which device nodes a container may open: docker's default list, or all with
 * {@code --privileged}. Applies to every container.
 */
public final class DevicesController implements LayoutAwareController {
    private final DevicesV1 v1 = new DevicesV1();
    private final DevicesV2 v2 = new DevicesV2();

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return true;
    }

    /** On v2 the check is an eBPF program on the folder, not a listed controller. */
    @Override
    public boolean coreOnV2() {
        return true;
    }

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        if (directory.version() == CgroupVersion.V1) {
            v1.apply(resources, directory);
        } else {
            v2.apply(resources);
        }
    }

    /** A v1 host without a devices hierarchy (and no cgroup2 folder): the same warning as on v2. */
    @Override
    public void unavailable(Resources resources) {
        v2.apply(resources);
    }
}
