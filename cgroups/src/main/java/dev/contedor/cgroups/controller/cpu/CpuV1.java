package dev.contedor.cgroups.controller.cpu;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.CpuStats;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.fs.KeyedValues;

import java.util.Map;

/**
 * cgroup v1 cpu and cpuacct: {@code cpu.shares}, {@code cpu.cfs_period_us},
 * {@code cpu.cfs_quota_us}; usage from {@code cpuacct.usage} and {@code cpuacct.stat}
 * (which may live in a hierarchy of its own), throttling from {@code cpu.stat}.
 */
public final class CpuV1 implements VersionFiles {
    /** USER_HZ: {@code cpuacct.stat} counts in clock ticks, 100 per second on Linux. */
    static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.cpu().shares().ifPresent(shares ->
                LimitWriter.write(directory, "--cpu-shares", "cpu.shares", Long.toString(shares)));
        // the period first: the kernel checks a quota against the period in force
        resources.cpu().period().ifPresent(period ->
                LimitWriter.write(directory, "--cpu-period", "cpu.cfs_period_us", Long.toString(period)));
        resources.cpu().quota().ifPresent(quota ->
                LimitWriter.write(directory, "--cpu-quota", "cpu.cfs_quota_us", quota > 0 ? Long.toString(quota) : "-1"));
    }

    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats.cpu(stats(directory));
    }

    public CpuStats stats(CgroupDirectory directory) {
        long usage = directory.read("cpuacct.usage").map(KeyedValues::number).orElse(0L);
        Map<String, Long> ticks = directory.read("cpuacct.stat").map(KeyedValues::flat).orElse(Map.of());
        Map<String, Long> cpu = directory.read("cpu.stat").map(KeyedValues::flat).orElse(Map.of());
        return new CpuStats(usage,
                ticks.getOrDefault("user", 0L) * NANOS_PER_TICK,
                ticks.getOrDefault("system", 0L) * NANOS_PER_TICK,
                cpu.getOrDefault("nr_periods", 0L),
                cpu.getOrDefault("nr_throttled", 0L),
                cpu.getOrDefault("throttled_time", 0L));
    }
}
