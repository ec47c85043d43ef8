package dev.contedor.api.cgroup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A container's resource limits, as docker's flags give them (the OCI spec's
 * {@code linux.resources}), grouped by controller. Every value is optional; absent means the
 * kernel's default. Values are checked by the runtime before anything is created.
 *
 * @param memory          {@code -m}, {@code --memory-reservation}, {@code --memory-swap}
 * @param cpu             {@code --cpu-shares}, {@code --cpu-quota} (or {@code --cpus}), {@code --cpu-period}
 * @param cpuset          {@code --cpuset-cpus}, {@code --cpuset-mems}
 * @param pidsLimit       maximum number of tasks, -1 or 0 for unlimited ({@code --pids-limit})
 * @param blockIo         {@code --blkio-weight} and the {@code --device-*-bps/iops} throttles
 * @param hugepageLimits  bytes per page size ({@code 2MB}, {@code 1GB}, ...)
 * @param allowAllDevices every device may be opened ({@code --privileged}); otherwise docker's default list
 * @param devices         host devices given to the container ({@code --device}), allowed on top of docker's list
 */
public record Resources(Memory memory, Cpu cpu, Cpuset cpuset, OptionalLong pidsLimit, BlockIo blockIo,
                        List<HugepageLimit> hugepageLimits, boolean allowAllDevices, List<DeviceMapping> devices) {
    /** No limit at all. */
    public static final Resources NONE = new Resources(Memory.NONE, Cpu.NONE, Cpuset.NONE, OptionalLong.empty(),
            BlockIo.NONE, List.of(), false, List.of());

    /** Without {@code --device}. */
    public Resources(Memory memory, Cpu cpu, Cpuset cpuset, OptionalLong pidsLimit, BlockIo blockIo,
                     List<HugepageLimit> hugepageLimits, boolean allowAllDevices) {
        this(memory, cpu, cpuset, pidsLimit, blockIo, hugepageLimits, allowAllDevices, List.of());
    }

    public Resources {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(cpuset, "cpuset");
        Objects.requireNonNull(pidsLimit, "pidsLimit");
        Objects.requireNonNull(blockIo, "blockIo");
        hugepageLimits = List.copyOf(hugepageLimits);
        devices = List.copyOf(devices);
    }

    /**
     * @param limit       bytes ({@code -m})
     * @param reservation bytes, a soft limit ({@code --memory-reservation})
     * @param swap        memory plus swap in bytes, -1 for unlimited ({@code --memory-swap}, docker's meaning)
     */
    public record Memory(OptionalLong limit, OptionalLong reservation, OptionalLong swap) {
        public static final Memory NONE = new Memory(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * @param shares relative weight, 2..262144, 1024 by default ({@code --cpu-shares})
     * @param quota  microseconds per period ({@code --cpu-quota}, or {@code --cpus} times the period)
     * @param period microseconds, 1000..1000000 ({@code --cpu-period})
     */
    public record Cpu(OptionalLong shares, OptionalLong quota, OptionalLong period) {
        public static final Cpu NONE = new Cpu(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * @param cpus e.g. {@code 0-1,3} ({@code --cpuset-cpus})
     * @param mems NUMA nodes ({@code --cpuset-mems})
     */
    public record Cpuset(Optional<String> cpus, Optional<String> mems) {
        public static final Cpuset NONE = new Cpuset(Optional.empty(), Optional.empty());
    }

    /**
     * @param weight    10..1000 ({@code --blkio-weight})
     * @param readBps   bytes per second per device ({@code --device-read-bps})
     * @param writeBps  ({@code --device-write-bps})
     * @param readIops  operations per second per device ({@code --device-read-iops})
     * @param writeIops ({@code --device-write-iops})
     */
    public record BlockIo(OptionalInt weight, List<DeviceRate> readBps, List<DeviceRate> writeBps,
                          List<DeviceRate> readIops, List<DeviceRate> writeIops) {
        public static final BlockIo NONE = new BlockIo(OptionalInt.empty(), List.of(), List.of(), List.of(), List.of());

        public BlockIo {
            readBps = List.copyOf(readBps);
            writeBps = List.copyOf(writeBps);
            readIops = List.copyOf(readIops);
            writeIops = List.copyOf(writeIops);
        }
    }

    /** A hugetlb limit for one page size, e.g. {@code 2MB}. */
    public record HugepageLimit(String pageSize, long bytes) {
    }
}
