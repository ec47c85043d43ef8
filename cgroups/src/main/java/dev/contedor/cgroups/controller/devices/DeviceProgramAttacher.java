package dev.contedor.cgroups.controller.devices;

import java.nio.file.Path;

/**
 * Puts an eBPF device program on a cgroup2 folder: {@link DeviceBpf#attach} on a real host, a
 * recorder over a fake cgroupfs tree, where no kernel would take it.
 */
@FunctionalInterface
public interface DeviceProgramAttacher {
    /** Loads {@code program} ({@link DeviceProgram}) and attaches it to {@code cgroup}, or fails naming why. */
    void attach(byte[] program, Path cgroup);
}
