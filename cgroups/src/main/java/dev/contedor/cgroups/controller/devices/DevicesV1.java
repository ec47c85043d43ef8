package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.DeviceMapping;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;

/**
 * cgroup v1 devices: everything denied ({@code a} to {@code devices.deny}), then docker's
 * default list and the {@code --device} rules allowed one rule per write; {@code --privileged}
 * allows all ({@code a} to {@code devices.allow}).
 */
public final class DevicesV1 implements VersionFiles {
    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        if (resources.allowAllDevices()) {
            LimitWriter.write(directory, "--privileged", "devices.allow", "a");
            return;
        }
        LimitWriter.write(directory, "device access control", "devices.deny", "a");
        for (String rule : DockerDeviceRules.DEFAULT_ALLOWED) {
            LimitWriter.write(directory, "device access control", "devices.allow", rule);
        }
        for (DeviceMapping device : resources.devices()) {
            LimitWriter.write(directory, "--device " + device.hostPath(), "devices.allow", device.allowRule());
        }
    }
}
