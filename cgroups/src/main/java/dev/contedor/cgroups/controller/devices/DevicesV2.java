package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.HostWarnings;

/**
 * cgroup v2 has no devices files: access control is an eBPF program attached to the
 * container's folder (BPF_CGROUP_DEVICE), which contedor does not load yet. One warning says
 * so and the container runs.
 */
public final class DevicesV2 {
    static final String NOT_IMPLEMENTED = "cgroup v2 device access control (eBPF) is not implemented yet;"
            + " the container can open any device node it can create";

    public void apply(Resources resources) {
        if (!resources.allowAllDevices()) {
            HostWarnings.once(NOT_IMPLEMENTED);
        }
    }
}
