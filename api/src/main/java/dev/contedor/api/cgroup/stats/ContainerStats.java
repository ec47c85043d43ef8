package dev.contedor.api.cgroup.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A container's resource usage read from its cgroups at one instant. A part is absent when
 * the host lacks its controller (or PSI).
 */
public record ContainerStats(String id, Instant read, Optional<CpuStats> cpu, Optional<MemoryStats> memory,
                             Optional<PidsStats> pids, List<IoStats> io, Map<String, Pressure> pressure) {
    public ContainerStats {
        io = List.copyOf(io);
        pressure = Map.copyOf(pressure);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Filled by the controllers in turn. */
    public static final class Builder {
        private final String id;
        private CpuStats cpu;
        private MemoryStats memory;
        private PidsStats pids;
        private final List<IoStats> io = new ArrayList<>();
        private final Map<String, Pressure> pressure = new TreeMap<>();

        private Builder(String id) {
            this.id = id;
        }

        public Builder cpu(CpuStats cpu) {
            this.cpu = cpu;
            return this;
        }

        public Builder memory(MemoryStats memory) {
            this.memory = memory;
            return this;
        }

        public Builder pids(PidsStats pids) {
            this.pids = pids;
            return this;
        }

        public Builder io(IoStats device) {
            io.add(device);
            return this;
        }

        /** PSI of one resource: {@code cpu}, {@code memory} or {@code io}. */
        public Builder pressure(String resource, Pressure p) {
            pressure.put(resource, p);
            return this;
        }

        public ContainerStats build() {
            return new ContainerStats(id, Instant.now(), Optional.ofNullable(cpu), Optional.ofNullable(memory),
                    Optional.ofNullable(pids), io, pressure);
        }
    }
}
