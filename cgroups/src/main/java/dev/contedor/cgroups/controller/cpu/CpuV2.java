package dev.contedor.cgroups.controller.cpu;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.CpuStats;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.fs.KeyedValues;

import java.util.Map;
import java.util.Optional;

/** cgroup v2 cpu: {@code cpu.weight} (converted from shares), {@code cpu.max}; usage from {@code cpu.stat}. */
public final class CpuV2 implements VersionFiles {
    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.cpu().shares().ifPresent(shares ->
                LimitWriter.write(directory, "--cpu-shares", "cpu.weight", Long.toString(CpuWeight.fromShares(shares))));
        cpuMax(resources).ifPresent(max -> LimitWriter.write(directory,
                resources.cpu().quota().isPresent() ? "--cpu-quota" : "--cpu-period", "cpu.max", max));
    }

    /**
     * {@code QUOTA PERIOD}, {@code max PERIOD} without a quota, or {@code QUOTA} alone (the
     * kernel keeps the period in force) without a period.
     */
    static Optional<String> cpuMax(Resources resources) {
        if (resources.cpu().quota().isEmpty() && resources.cpu().period().isEmpty()) {
            return Optional.empty();
        }
        String quota = resources.cpu().quota().isPresent() && resources.cpu().quota().getAsLong() > 0
                ? Long.toString(resources.cpu().quota().getAsLong()) : "max";
        return Optional.of(resources.cpu().period().isPresent()
                ? quota + " " + resources.cpu().period().getAsLong() : quota);
    }

    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats.cpu(stats(directory));
    }

    public CpuStats stats(CgroupDirectory directory) {
        Map<String, Long> cpu = directory.read("cpu.stat").map(KeyedValues::flat).orElse(Map.of());
        return new CpuStats(
                cpu.getOrDefault("usage_usec", 0L) * 1000,
                cpu.getOrDefault("user_usec", 0L) * 1000,
                cpu.getOrDefault("system_usec", 0L) * 1000,
                cpu.getOrDefault("nr_periods", 0L),
                cpu.getOrDefault("nr_throttled", 0L),
                cpu.getOrDefault("throttled_usec", 0L) * 1000);
    }
}
