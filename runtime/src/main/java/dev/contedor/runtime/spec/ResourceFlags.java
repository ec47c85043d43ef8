package dev.contedor.runtime.spec;

import java.util.List;
import java.util.Optional;

/**
 * docker's resource flags as the user typed them; {@link ResourceParser} checks and converts
 * them. Empty lists and optionals mean the flag was not given.
 *
 * @param devices {@code --device HOST[:CONTAINER[:rwm]]}, each as given (docker counts them among the resources)
 */
public record ResourceFlags(Optional<String> memory, Optional<String> memoryReservation, Optional<String> memorySwap,
                            Optional<String> cpus, Optional<String> cpuShares, Optional<String> cpuQuota,
                            Optional<String> cpuPeriod, Optional<String> cpusetCpus, Optional<String> cpusetMems,
                            Optional<String> pidsLimit, Optional<String> blkioWeight, List<String> deviceReadBps,
                            List<String> deviceWriteBps, List<String> deviceReadIops, List<String> deviceWriteIops,
                            List<String> devices) {
    public static final ResourceFlags NONE = new ResourceFlags(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** Without {@code --device}. */
    public ResourceFlags(Optional<String> memory, Optional<String> memoryReservation, Optional<String> memorySwap,
                         Optional<String> cpus, Optional<String> cpuShares, Optional<String> cpuQuota,
                         Optional<String> cpuPeriod, Optional<String> cpusetCpus, Optional<String> cpusetMems,
                         Optional<String> pidsLimit, Optional<String> blkioWeight, List<String> deviceReadBps,
                         List<String> deviceWriteBps, List<String> deviceReadIops, List<String> deviceWriteIops) {
        this(memory, memoryReservation, memorySwap, cpus, cpuShares, cpuQuota, cpuPeriod, cpusetCpus, cpusetMems,
                pidsLimit, blkioWeight, deviceReadBps, deviceWriteBps, deviceReadIops, deviceWriteIops, List.of());
    }

    public ResourceFlags {
        deviceReadBps = List.copyOf(deviceReadBps);
        deviceWriteBps = List.copyOf(deviceWriteBps);
        deviceReadIops = List.copyOf(deviceReadIops);
        deviceWriteIops = List.copyOf(deviceWriteIops);
        devices = List.copyOf(devices);
    }
}
