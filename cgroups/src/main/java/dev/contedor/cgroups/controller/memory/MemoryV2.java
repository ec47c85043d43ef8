package dev.contedor.cgroups.controller.memory;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.MemoryStats;
import dev.contedor.api.error.ContedorException;
import dev.contedor.host.HostWarnings;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.fs.KeyedValues;

import java.util.Map;
import java.util.OptionalLong;

/**
 * cgroup v2 memory: {@code memory.max}, {@code memory.low}, {@code memory.swap.max} (swap
 * alone, so docker's memory+swap total minus the limit); usage from {@code memory.current},
 * {@code memory.stat} and {@code memory.events}.
 */
public final class MemoryV2 implements VersionFiles {
    static final String SWAP_MAX = "memory.swap.max";

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.memory().limit().ifPresent(limit ->
                LimitWriter.write(directory, "--memory", "memory.max", limit > 0 ? Long.toString(limit) : "max"));
        resources.memory().swap().ifPresent(total -> {
            String swap;
            if (total < 0) {
                swap = "max";
            } else if (resources.memory().limit().isPresent() && resources.memory().limit().getAsLong() > 0) {
                long limit = resources.memory().limit().getAsLong();
                if (total < limit) {
                    throw ContedorException.runtime("--memory-swap " + total + " is smaller than --memory " + limit
                            + ": it is memory plus swap, so at least the memory limit");
                }
                swap = Long.toString(total - limit);
            } else {
                throw ContedorException.runtime("--memory-swap " + total + " needs --memory: it is memory plus swap");
            }
            if (directory.read(SWAP_MAX).isEmpty()) {
                HostWarnings.once("--memory-swap ignored: this kernel does not account swap (no " + SWAP_MAX + ")");
            } else {
                LimitWriter.write(directory, "--memory-swap", SWAP_MAX, swap);
            }
        });
        resources.memory().reservation().ifPresent(low -> LimitWriter.write(directory, "--memory-reservation",
                "memory.low", low > 0 ? Long.toString(low) : "0"));
    }

    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats.memory(stats(directory));
    }

    public MemoryStats stats(CgroupDirectory directory) {
        long usage = directory.read("memory.current").map(KeyedValues::number).orElse(0L);
        Map<String, Long> stat = directory.read("memory.stat").map(KeyedValues::flat).orElse(Map.of());
        Map<String, Long> events = directory.read("memory.events").map(KeyedValues::flat).orElse(Map.of());
        OptionalLong limit = directory.read("memory.max").map(KeyedValues::limit).orElse(OptionalLong.empty());
        return new MemoryStats(usage, Math.max(0, usage - stat.getOrDefault("inactive_file", 0L)),
                stat.getOrDefault("anon", 0L), stat.getOrDefault("file", 0L), limit,
                events.getOrDefault("max", 0L), events.getOrDefault("oom", 0L), events.getOrDefault("oom_kill", 0L));
    }
}
