package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.host.HostWarnings;
import dev.contedor.cgroups.controller.VersionFiles;

/**
 * cgroup v2 has no devices files: access control is an eBPF program attached to the
 * container's folder (BPF_CGROUP_DEVICE), which contedor does not load yet. One warning says
 * so and the container runs.
 */
public final class DevicesV2 implements VersionFiles {
    static final String NOT_IMPLEMENTED = "cgroup v2 device access control (eBPF) is not implemented yet;"
            + " the container can open any device node it can create";

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        warn(resources);
    }

    /** The warning, unless every device is allowed anyway ({@code --privileged}). */
    static void warn(Resources resources) {
        if (!resources.allowAllDevices()) {
            HostWarnings.once(NOT_IMPLEMENTED);
        }
    }
}
