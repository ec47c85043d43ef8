package dev.contedor.cgroups.controller;

import dev.contedor.host.HostWarnings;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.IoStats;
import dev.contedor.cgroups.controller.io.IoController;
import dev.contedor.cgroups.controller.io.IoWeight;
import dev.contedor.cgroups.fake.RecordingDirectory;
import dev.contedor.cgroups.fake.StdErr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.contedor.api.cgroup.CgroupVersion.V1;
import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoControllerTest {
    private final IoController io = new IoController();

    @BeforeEach
    void freshWarnings() {
        HostWarnings.clear();
    }

    @Test
    void namesOnBothVersions() {
        assertEquals("io", io.name());
        assertEquals("blkio", io.v1Name());
    }

    @Test
    void v1WeightAndThrottleFiles() {
        RecordingDirectory d = new RecordingDirectory(V1, "blkio.weight", "blkio.throttle.read_bps_device",
                "blkio.throttle.write_bps_device", "blkio.throttle.read_iops_device", "blkio.throttle.write_iops_device");
        io.apply(limits().blkioWeight(300).readBps(8, 0, 1048576).readBps(8, 16, 2048).writeBps(8, 0, 4096)
                .readIops(8, 0, 100).writeIops(8, 0, 50).build(), d);
        assertEquals(List.of("blkio.weight = 300",
                "blkio.throttle.read_bps_device = 8:0 1048576",
                "blkio.throttle.read_bps_device = 8:16 2048",
                "blkio.throttle.write_bps_device = 8:0 4096",
                "blkio.throttle.read_iops_device = 8:0 100",
                "blkio.throttle.write_iops_device = 8:0 50"), d.writes());
    }

    @Test
    void v1WeightGoesToBfqWhenCfqIsGone() {
        RecordingDirectory d = new RecordingDirectory(V1, "blkio.bfq.weight");
        io.apply(limits().blkioWeight(500).build(), d);
        assertEquals(List.of("blkio.bfq.weight = 500"), d.writes());
    }

    @Test
    void v1WeightWithoutAnyWeightFileIsAWarningNotAFailure() {
        RecordingDirectory d = new RecordingDirectory(V1);
        String err = StdErr.of(() -> io.apply(limits().blkioWeight(500).build(), d));
        assertEquals(List.of(), d.writes());
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("contedor: warning: --blkio-weight ignored"), err);
    }

    @Test
    void v2IoMaxOneLinePerDevice() {
        RecordingDirectory d = new RecordingDirectory(V2, "io.max");
        io.apply(limits().readBps(8, 0, 1048576).writeBps(8, 0, 4096).readIops(8, 16, 100).writeIops(8, 0, 50).build(), d);
        assertEquals(List.of("io.max = 8:0 rbps=1048576 wbps=4096 wiops=50", "io.max = 8:16 riops=100"), d.writes());
    }

    @Test
    void v2WeightBfqFirstElseIoWeightConverted() {
        RecordingDirectory bfq = new RecordingDirectory(V2, "io.bfq.weight", "io.weight");
        io.apply(limits().blkioWeight(500).build(), bfq);
        assertEquals(List.of("io.bfq.weight = 500"), bfq.writes());
        RecordingDirectory cost = new RecordingDirectory(V2, "io.weight");
        io.apply(limits().blkioWeight(500).build(), cost);
        assertEquals(List.of("io.weight = default " + IoWeight.fromBlkioWeight(500)), cost.writes());
        assertEquals(1, IoWeight.fromBlkioWeight(10));
        assertEquals(10000, IoWeight.fromBlkioWeight(1000));
        assertEquals(4950, IoWeight.fromBlkioWeight(500));
    }

    @Test
    void v1StatsReadAndWriteLinesPerDevice() {
        RecordingDirectory d = new RecordingDirectory(V1)
                .with("blkio.throttle.io_service_bytes", "8:16 Read 4096\n8:16 Write 0\n8:16 Sync 4096\n8:16 Async 0\n"
                        + "8:16 Discard 0\n8:16 Total 4096\n8:0 Read 100\n8:0 Write 200\n8:0 Total 300\nTotal 4396")
                .with("blkio.throttle.io_serviced", "8:16 Read 1\n8:16 Write 0\n8:0 Read 2\n8:0 Write 3\nTotal 6");
        assertEquals(List.of(new IoStats("8:0", 100, 200, 2, 3), new IoStats("8:16", 4096, 0, 1, 0)), stats(d));
    }

    @Test
    void v1StatsFallBackToBfqWhenThrottleCountsNothing() {
        RecordingDirectory d = new RecordingDirectory(V1)
                .with("blkio.throttle.io_service_bytes", "Total 0")
                .with("blkio.bfq.io_service_bytes", "8:0 Read 512\n8:0 Write 1024\nTotal 1536")
                .with("blkio.bfq.io_serviced", "8:0 Read 1\n8:0 Write 2\nTotal 3");
        assertEquals(List.of(new IoStats("8:0", 512, 1024, 1, 2)), stats(d));
    }

    @Test
    void v2StatsFromIoStat() {
        RecordingDirectory d = new RecordingDirectory(V2).with("io.stat",
                "8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0\n"
                        + "8:0 rbytes=90430464 wbytes=299008000 rios=8950 wios=1252 dbytes=50331648 dios=3021");
        assertEquals(List.of(new IoStats("8:0", 90430464, 299008000, 8950, 1252),
                new IoStats("8:16", 1459200, 314773504, 192, 353)), stats(d));
    }

    private List<IoStats> stats(RecordingDirectory d) {
        ContainerStats.Builder b = ContainerStats.builder("c");
        io.readStats(d, b);
        return b.build().io();
    }
}
