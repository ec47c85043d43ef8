package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import dev.contedor.host.HostWarnings;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.fs.DescribedDirectory;

/**
 * cgroup v2 has no devices files: access control is an eBPF program attached to the
 * container's folder ({@code BPF_CGROUP_DEVICE}) before the init is moved in. The program
 * allows docker's default list and the {@code --device} rules and denies everything else;
 * {@code --privileged} attaches none. A container whose program cannot be attached is not
 * started: it would open any device node it can make.
 */
public final class DevicesV2 implements VersionFiles {
    static final String UNAVAILABLE = "no cgroup devices controller on this host (no v1 devices hierarchy, no cgroup2"
            + " folder for the container): the container can open any device node it can create";

    private final DeviceProgramAttacher attacher;

    public DevicesV2() {
        this(DeviceBpf::attach);
    }

    public DevicesV2(DeviceProgramAttacher attacher) {
        this.attacher = attacher;
    }

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        if (resources.allowAllDevices()) {
            return;
        }
        byte[] program = DeviceProgram.allowing(DockerDeviceRules.allowed(resources));
        if (directory instanceof DescribedDirectory described) {
            // run --explain: nothing is loaded or attached
            described.describe("attach an eBPF device program (BPF_CGROUP_DEVICE: docker's device list"
                    + (resources.devices().isEmpty() ? "" : " and " + resources.devices().size() + " --device rule(s)")
                    + ") to " + directory.path());
            return;
        }
        try {
            attacher.attach(program, directory.path());
        } catch (ContedorException | LinkageError e) {
            throw ContedorException.runtime(e.getMessage() + "; the container would open any device node it can make,"
                    + " so it is not started (--privileged runs it without device control)", e);
        }
    }

    /** A host without any devices control at all (neither v1's nor cgroup2): a warning, unless all is allowed anyway. */
    static void warn(Resources resources) {
        if (!resources.allowAllDevices()) {
            HostWarnings.once(UNAVAILABLE);
        }
    }
}
