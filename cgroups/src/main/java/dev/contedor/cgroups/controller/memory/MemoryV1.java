package dev.contedor.cgroups.controller.memory;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.MemoryStats;
import dev.contedor.host.HostWarnings;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.fs.KeyedValues;

import java.util.Map;
import java.util.OptionalLong;

/**
 * cgroup v1 memory: {@code memory.limit_in_bytes}, {@code memory.soft_limit_in_bytes},
 * {@code memory.memsw.limit_in_bytes} (memory plus swap, docker's {@code --memory-swap},
 * present only with swap accounting); usage from {@code memory.usage_in_bytes},
 * {@code memory.stat}, {@code memory.failcnt} and {@code memory.oom_control}.
 */
public final class MemoryV1 implements VersionFiles {
    static final String MEMSW = "memory.memsw.limit_in_bytes";
    /** The kernel shows "no limit" as PAGE_COUNTER_MAX pages, about 2^63; anything from 2^62 up is no limit. */
    static final long UNLIMITED_FROM = 1L << 62;

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.memory().limit().ifPresent(limit ->
                LimitWriter.write(directory, "--memory", "memory.limit_in_bytes", limit > 0 ? Long.toString(limit) : "-1"));
        // memory+swap after the memory limit: the kernel wants memsw >= limit at every step
        resources.memory().swap().ifPresent(total -> {
            if (directory.read(MEMSW).isEmpty()) {
                HostWarnings.once("--memory-swap ignored: this kernel does not account swap in cgroup v1 (no "
                        + MEMSW + "; boot with swapaccount=1)");
            } else {
                LimitWriter.write(directory, "--memory-swap", MEMSW, total > 0 ? Long.toString(total) : "-1");
            }
        });
        resources.memory().reservation().ifPresent(soft -> LimitWriter.write(directory, "--memory-reservation",
                "memory.soft_limit_in_bytes", soft > 0 ? Long.toString(soft) : "-1"));
    }

    /**
     * v1 has no counter of OOM events: {@code oomEvents} is the OOM killer's kills
     * ({@code oom_kill} of {@code memory.oom_control}, each ending one OOM episode) plus one
     * when the group is out of memory right now ({@code under_oom}, which happens when the
     * killer is disabled). {@code failcnt} counts the times usage hit the limit, which mostly
     * ends in reclaim, not in OOM, so it is kept apart.
     */
    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats.memory(stats(directory));
    }

    public MemoryStats stats(CgroupDirectory directory) {
        long usage = directory.read("memory.usage_in_bytes").map(KeyedValues::number).orElse(0L);
        Map<String, Long> stat = directory.read("memory.stat").map(KeyedValues::flat).orElse(Map.of());
        Map<String, Long> oom = directory.read("memory.oom_control").map(KeyedValues::flat).orElse(Map.of());
        OptionalLong limit = directory.read("memory.limit_in_bytes").map(KeyedValues::parse).orElse(OptionalLong.empty());
        if (limit.isPresent() && limit.getAsLong() >= UNLIMITED_FROM) {
            limit = OptionalLong.empty();
        }
        long inactiveFile = stat.getOrDefault("total_inactive_file", 0L);
        long oomKills = oom.getOrDefault("oom_kill", 0L);
        return new MemoryStats(usage, Math.max(0, usage - inactiveFile),
                stat.getOrDefault("total_rss", 0L), stat.getOrDefault("total_cache", 0L), limit,
                directory.read("memory.failcnt").map(KeyedValues::number).orElse(0L),
                oomKills + oom.getOrDefault("under_oom", 0L), oomKills);
    }
}
