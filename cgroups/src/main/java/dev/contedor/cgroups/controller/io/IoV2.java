package dev.contedor.cgroups.controller.io;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.DeviceRate;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.IoStats;
import dev.contedor.host.HostWarnings;
import dev.contedor.cgroups.controller.LimitWriter;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.fs.KeyedValues;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cgroup v2 io: the weight in {@code io.bfq.weight} (BFQ, same range as docker's flag) or
 * {@code io.weight} ({@code default N}, converted by {@link IoWeight}); rates in
 * {@code io.max}, one line per device ({@code MAJ:MIN rbps=R wbps=W riops=X wiops=Y});
 * usage from {@code io.stat}.
 */
public final class IoV2 implements VersionFiles {
    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.blockIo().weight().ifPresent(weight -> {
            if (directory.read("io.bfq.weight").isPresent()) {
                LimitWriter.write(directory, "--blkio-weight", "io.bfq.weight", Integer.toString(weight));
            } else if (directory.read("io.weight").isPresent()) {
                LimitWriter.write(directory, "--blkio-weight", "io.weight",
                        "default " + IoWeight.fromBlkioWeight(weight));
            } else {
                HostWarnings.once("--blkio-weight ignored: this host offers no cgroup v2 IO weight"
                        + " (neither io.bfq.weight nor io.weight in " + directory.path() + ")");
            }
        });
        Map<String, StringBuilder> lines = new LinkedHashMap<>();
        Map<String, Set<String>> flags = new LinkedHashMap<>();
        add(lines, flags, "rbps", "--device-read-bps", resources.blockIo().readBps());
        add(lines, flags, "wbps", "--device-write-bps", resources.blockIo().writeBps());
        add(lines, flags, "riops", "--device-read-iops", resources.blockIo().readIops());
        add(lines, flags, "wiops", "--device-write-iops", resources.blockIo().writeIops());
        lines.forEach((device, line) ->
                LimitWriter.write(directory, String.join(", ", flags.get(device)), "io.max", line.toString()));
    }

    private static void add(Map<String, StringBuilder> lines, Map<String, Set<String>> flags, String key, String flag,
                            List<DeviceRate> rates) {
        for (DeviceRate rate : rates) {
            lines.computeIfAbsent(rate.device(), device -> new StringBuilder(device)).append(' ').append(key).append('=').append(rate.rate());
            flags.computeIfAbsent(rate.device(), d -> new LinkedHashSet<>()).add(flag);
        }
    }

    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats(directory).forEach(stats::io);
    }

    public List<IoStats> stats(CgroupDirectory directory) {
        DeviceTotals totals = new DeviceTotals();
        directory.read("io.stat").map(KeyedValues::nested).orElse(Map.of()).forEach((device, values) -> {
            totals.add(device, DeviceTotals.READ_BYTES, KeyedValues.number(values.getOrDefault("rbytes", "0")));
            totals.add(device, DeviceTotals.WRITE_BYTES, KeyedValues.number(values.getOrDefault("wbytes", "0")));
            totals.add(device, DeviceTotals.READ_OPS, KeyedValues.number(values.getOrDefault("rios", "0")));
            totals.add(device, DeviceTotals.WRITE_OPS, KeyedValues.number(values.getOrDefault("wios", "0")));
        });
        return totals.stats();
    }
}
