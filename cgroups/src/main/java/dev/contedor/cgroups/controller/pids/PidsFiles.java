package dev.contedor.cgroups.controller.pids;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.PidsStats;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.fs.KeyedValues;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The pids controller's files, the same on v1 and v2: {@code pids.max}, {@code pids.current}
 * and {@code pids.events} (whose {@code max} counts the forks refused by the limit). One
 * mapping serves both versions because nothing differs.
 */
public final class PidsFiles implements VersionFiles {
    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.pidsLimit().ifPresent(limit ->
                LimitWriter.write(directory, "--pids-limit", "pids.max", limit > 0 ? Long.toString(limit) : "max"));
    }

    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats.pids(stats(directory));
    }

    public PidsStats stats(CgroupDirectory directory) {
        long current = directory.read("pids.current").map(KeyedValues::number).orElse(0L);
        OptionalLong limit = directory.read("pids.max").map(KeyedValues::limit).orElse(OptionalLong.empty());
        Map<String, Long> events = directory.read("pids.events").map(KeyedValues::flat).orElse(Map.of());
        return new PidsStats(current, limit, events.getOrDefault("max", 0L));
    }
}
