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

import java.util.List;

/**
 * cgroup v1 blkio: the weight in {@code blkio.weight} (CFQ, gone from multi-queue kernels) or
 * {@code blkio.bfq.weight} (BFQ), the throttle files {@code blkio.throttle.*_device}
 * ({@code MAJ:MIN RATE}, one line per write); usage from {@code blkio.throttle.io_service_bytes}
 * and {@code io_serviced} ({@code MAJ:MIN Read N} lines), or BFQ's when those are empty.
 */
public final class BlkioV1 implements VersionFiles {
    @Override
    public void apply(Resources resources, CgroupDirectory directory) {
        resources.blockIo().weight().ifPresent(weight -> {
            if (directory.read("blkio.weight").isPresent()) {
                LimitWriter.write(directory, "--blkio-weight", "blkio.weight", Integer.toString(weight));
            } else if (directory.read("blkio.bfq.weight").isPresent()) {
                LimitWriter.write(directory, "--blkio-weight", "blkio.bfq.weight", Integer.toString(weight));
            } else {
                HostWarnings.once("--blkio-weight ignored: no IO scheduler of this host offers a cgroup v1 weight"
                        + " (neither blkio.weight nor blkio.bfq.weight in " + directory.path() + ")");
            }
        });
        throttle(directory, "--device-read-bps", "blkio.throttle.read_bps_device", resources.blockIo().readBps());
        throttle(directory, "--device-write-bps", "blkio.throttle.write_bps_device", resources.blockIo().writeBps());
        throttle(directory, "--device-read-iops", "blkio.throttle.read_iops_device", resources.blockIo().readIops());
        throttle(directory, "--device-write-iops", "blkio.throttle.write_iops_device", resources.blockIo().writeIops());
    }

    private static void throttle(CgroupDirectory directory, String flag, String file, List<DeviceRate> rates) {
        for (DeviceRate rate : rates) {
            LimitWriter.write(directory, flag, file, rate.device() + " " + rate.rate());
        }
    }

    @Override
    public void readStats(CgroupDirectory directory, ContainerStats.Builder stats) {
        stats(directory).forEach(stats::io);
    }

    public List<IoStats> stats(CgroupDirectory directory) {
        DeviceTotals totals = read(directory, "blkio.throttle.io_service_bytes", "blkio.throttle.io_serviced");
        if (totals.isEmpty()) {
            totals = read(directory, "blkio.bfq.io_service_bytes", "blkio.bfq.io_serviced");
        }
        return totals.stats();
    }

    private static DeviceTotals read(CgroupDirectory directory, String bytesFile, String opsFile) {
        DeviceTotals totals = new DeviceTotals();
        directory.read(bytesFile).ifPresent(c -> add(totals, c, DeviceTotals.READ_BYTES, DeviceTotals.WRITE_BYTES));
        directory.read(opsFile).ifPresent(c -> add(totals, c, DeviceTotals.READ_OPS, DeviceTotals.WRITE_OPS));
        return totals;
    }

    /** Lines {@code 8:0 Read 4096}; the {@code Sync}, {@code Async}, {@code Total} lines are sums of these. */
    private static void add(DeviceTotals totals, String content, int readCounter, int writeCounter) {
        content.lines().forEach(line -> {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].contains(":")) {
                switch (f[1]) {
                    case "Read" -> totals.add(f[0], readCounter, KeyedValues.number(f[2]));
                    case "Write" -> totals.add(f[0], writeCounter, KeyedValues.number(f[2]));
                    default -> { }
                }
            }
        });
    }
}
