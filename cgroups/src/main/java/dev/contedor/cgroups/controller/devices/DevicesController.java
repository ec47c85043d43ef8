package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.controller.VersionedController;

/**
 * Which device nodes a container may open: docker's default list, or all with
 * {@code --privileged}. Applies to every container.
 */
public final class DevicesController extends VersionedController<VersionFiles> {
    public DevicesController() {
        super(new DevicesV1(), new DevicesV2());
    }

    /** With another way to attach the v2 program (a fake cgroupfs tree). */
    public DevicesController(DeviceProgramAttacher attacher) {
        super(new DevicesV1(), new DevicesV2(attacher));
    }

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

    /** A v1 host without a devices hierarchy (and no cgroup2 folder): the same warning as on v2. */
    @Override
    public void unavailable(Resources resources) {
        DevicesV2.warn(resources);
    }
}
