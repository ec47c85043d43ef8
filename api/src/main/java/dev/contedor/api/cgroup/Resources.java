package dev.contedor.api.cgroup;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A container's resource limits, as docker's flags give them (the OCI spec's
 * {@code linux.resources}). Every field is optional; absent means the kernel's default.
 * Values are checked by the runtime before anything is created.
 *
 * @param memoryLimit       bytes ({@code -m})
 * @param memoryReservation bytes, a soft limit ({@code --memory-reservation})
 * @param memorySwap        memory plus swap in bytes, -1 for unlimited ({@code --memory-swap}, docker's meaning)
 * @param cpuShares         relative weight, 2..262144, 1024 by default ({@code --cpu-shares})
 * @param cpuQuota          microseconds per period ({@code --cpu-quota}, or {@code --cpus} times the period)
 * @param cpuPeriod         microseconds, 1000..1000000 ({@code --cpu-period})
 * @param cpusetCpus        e.g. {@code 0-1,3} ({@code --cpuset-cpus})
 * @param cpusetMems        NUMA nodes ({@code --cpuset-mems})
 * @param pidsLimit         maximum number of tasks, -1 or 0 for unlimited ({@code --pids-limit})
 * @param blkioWeight       10..1000 ({@code --blkio-weight})
 * @param hugepageLimits    bytes per page size ({@code 2MB}, {@code 1GB}, ...)
 * @param allowAllDevices   every device may be opened ({@code --privileged}); otherwise docker's default list
 * @param devices           host devices given to the container ({@code --device}), allowed on top of docker's list
 */
public record Resources(OptionalLong memoryLimit, OptionalLong memoryReservation, OptionalLong memorySwap,
                        OptionalLong cpuShares, OptionalLong cpuQuota, OptionalLong cpuPeriod,
                        Optional<String> cpusetCpus, Optional<String> cpusetMems, OptionalLong pidsLimit,
                        OptionalInt blkioWeight, List<DeviceRate> deviceReadBps, List<DeviceRate> deviceWriteBps,
                        List<DeviceRate> deviceReadIops, List<DeviceRate> deviceWriteIops,
                        List<HugepageLimit> hugepageLimits, boolean allowAllDevices, List<DeviceMapping> devices) {
    /** No limit at all. */
    public static final Resources NONE = new Resources(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
            OptionalLong.empty(), OptionalInt.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of());

    /** Without {@code --device}. */
    public Resources(OptionalLong memoryLimit, OptionalLong memoryReservation, OptionalLong memorySwap,
                     OptionalLong cpuShares, OptionalLong cpuQuota, OptionalLong cpuPeriod,
                     Optional<String> cpusetCpus, Optional<String> cpusetMems, OptionalLong pidsLimit,
                     OptionalInt blkioWeight, List<DeviceRate> deviceReadBps, List<DeviceRate> deviceWriteBps,
                     List<DeviceRate> deviceReadIops, List<DeviceRate> deviceWriteIops,
                     List<HugepageLimit> hugepageLimits, boolean allowAllDevices) {
        this(memoryLimit, memoryReservation, memorySwap, cpuShares, cpuQuota, cpuPeriod, cpusetCpus, cpusetMems,
                pidsLimit, blkioWeight, deviceReadBps, deviceWriteBps, deviceReadIops, deviceWriteIops, hugepageLimits,
                allowAllDevices, List.of());
    }

    public Resources {
        deviceReadBps = List.copyOf(deviceReadBps);
        deviceWriteBps = List.copyOf(deviceWriteBps);
        deviceReadIops = List.copyOf(deviceReadIops);
        deviceWriteIops = List.copyOf(deviceWriteIops);
        hugepageLimits = List.copyOf(hugepageLimits);
        devices = List.copyOf(devices);
    }

    /** A hugetlb limit for one page size, e.g. {@code 2MB}. */
    public record HugepageLimit(String pageSize, long bytes) {
    }
}
