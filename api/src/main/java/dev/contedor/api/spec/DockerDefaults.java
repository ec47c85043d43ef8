package dev.contedor.api.spec;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What docker gives a container unless told otherwise; contedor starts from the same. */
public final class DockerDefaults {
    private DockerDefaults() {
    }

    /** Docker's default capability set (moby's {@code DefaultCapabilities}). */
    public static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FSETID, Capability.FOWNER,
            Capability.MKNOD, Capability.NET_RAW, Capability.SETGID, Capability.SETUID,
            Capability.SETFCAP, Capability.SETPCAP, Capability.NET_BIND_SERVICE,
            Capability.SYS_CHROOT, Capability.KILL, Capability.AUDIT_WRITE));

    /** Paths hidden from unprivileged containers. */
    public static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");

    /** Paths made read-only in unprivileged containers. */
    public static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** The file systems every container gets, in mount order. */
    public static final List<MountSpec> MOUNTS = List.of(
            MountSpec.fileSystem("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
            MountSpec.fileSystem("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            MountSpec.fileSystem("/dev/pts", "devpts", "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            MountSpec.fileSystem("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
            MountSpec.fileSystem("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            MountSpec.fileSystem("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));

    /** The PATH a container gets when the image sets none. */
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}
