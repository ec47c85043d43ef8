package dev.contedor.cgroups.controller;

import dev.contedor.host.HostWarnings;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.MemoryStats;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.memory.MemoryController;
import dev.contedor.cgroups.fake.RecordingDirectory;
import dev.contedor.cgroups.fake.StdErr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static dev.contedor.api.cgroup.CgroupVersion.V1;
import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryControllerTest {
    private static final long MIB = 1024 * 1024;
    private final MemoryController memory = new MemoryController();

    @BeforeEach
    void freshWarnings() {
        HostWarnings.clear();
    }

    @Test
    void v1LimitThenMemswThenSoftLimit() {
        RecordingDirectory d = new RecordingDirectory(V1, "memory.limit_in_bytes", "memory.memsw.limit_in_bytes",
                "memory.soft_limit_in_bytes");
        memory.apply(limits().memory(64 * MIB).swap(128 * MIB).reservation(32 * MIB).build(), d);
        assertEquals(List.of("memory.limit_in_bytes = 67108864", "memory.memsw.limit_in_bytes = 134217728",
                "memory.soft_limit_in_bytes = 33554432"), d.writes());
    }

    @Test
    void v1UnlimitedSwapIsMinusOne() {
        RecordingDirectory d = new RecordingDirectory(V1, "memory.limit_in_bytes", "memory.memsw.limit_in_bytes");
        memory.apply(limits().memory(64 * MIB).swap(-1).build(), d);
        assertEquals(List.of("memory.limit_in_bytes = 67108864", "memory.memsw.limit_in_bytes = -1"), d.writes());
    }

    @Test
    void v1WithoutSwapAccountingWarnsAndKeepsTheLimit() {
        RecordingDirectory d = new RecordingDirectory(V1, "memory.limit_in_bytes");
        String err = StdErr.of(() -> memory.apply(limits().memory(64 * MIB).swap(128 * MIB).build(), d));
        assertEquals(List.of("memory.limit_in_bytes = 67108864"), d.writes());
        assertTrue(err.startsWith("contedor: warning: --memory-swap ignored"), err);
    }

    @Test
    void v2MaxLowAndSwapAloneIsTotalMinusLimit() {
        RecordingDirectory d = new RecordingDirectory(V2, "memory.max", "memory.swap.max", "memory.low");
        memory.apply(limits().memory(64 * MIB).swap(100 * MIB).reservation(16 * MIB).build(), d);
        assertEquals(List.of("memory.max = 67108864", "memory.swap.max = 37748736", "memory.low = 16777216"), d.writes());
    }

    @Test
    void v2SwapEqualToTheLimitMeansNoSwapAndMinusOneMeansMax() {
        RecordingDirectory none = new RecordingDirectory(V2, "memory.max", "memory.swap.max");
        memory.apply(limits().memory(64 * MIB).swap(64 * MIB).build(), none);
        assertEquals(List.of("memory.max = 67108864", "memory.swap.max = 0"), none.writes());
        RecordingDirectory unlimited = new RecordingDirectory(V2, "memory.max", "memory.swap.max");
        memory.apply(limits().memory(64 * MIB).swap(-1).build(), unlimited);
        assertEquals(List.of("memory.max = 67108864", "memory.swap.max = max"), unlimited.writes());
    }

    @Test
    void v2SwapBelowTheLimitIsRefused() {
        RecordingDirectory d = new RecordingDirectory(V2, "memory.max", "memory.swap.max");
        ContedorException e = assertThrows(ContedorException.class,
                () -> memory.apply(limits().memory(64 * MIB).swap(32 * MIB).build(), d));
        assertTrue(e.getMessage().startsWith("--memory-swap"), e.getMessage());
    }

    @Test
    void aRefusedWriteNamesTheFlag() {
        RecordingDirectory d = new RecordingDirectory(V2);
        ContedorException e = assertThrows(ContedorException.class, () -> memory.apply(limits().memory(1000).build(), d));
        assertEquals("--memory: cgroup /fake/memory.max = 1000: No such file or directory", e.getMessage());
    }

    @Test
    void v1Stats() {
        RecordingDirectory d = new RecordingDirectory(V1)
                .with("memory.usage_in_bytes", "10485760")
                .with("memory.stat", "cache 9351168\nrss 4214784\ntotal_cache 3145728\ntotal_rss 6291456\n"
                        + "total_inactive_file 2097152\ntotal_active_file 1048576")
                .with("memory.limit_in_bytes", "67108864")
                .with("memory.failcnt", "12")
                .with("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2");
        assertEquals(new MemoryStats(10485760, 8388608, 6291456, 3145728, OptionalLong.of(67108864), 12, 2, 2), stats(d));
    }

    @Test
    void v1HugeLimitIsNoLimitAndUnderOomCountsAsAnEvent() {
        RecordingDirectory d = new RecordingDirectory(V1)
                .with("memory.usage_in_bytes", "100")
                .with("memory.stat", "total_inactive_file 300")
                .with("memory.limit_in_bytes", "9223372036854771712")
                .with("memory.oom_control", "oom_kill_disable 1\nunder_oom 1\noom_kill 0");
        MemoryStats s = stats(d);
        assertEquals(OptionalLong.empty(), s.limitBytes());
        assertEquals(0, s.workingSetBytes());
        assertEquals(1, s.oomEvents());
        assertEquals(0, s.oomKills());
    }

    @Test
    void v2Stats() {
        RecordingDirectory d = new RecordingDirectory(V2)
                .with("memory.current", "10485760")
                .with("memory.stat", "anon 6291456\nfile 3145728\nkernel 0\ninactive_file 1048576\nactive_file 0")
                .with("memory.max", "max")
                .with("memory.events", "low 0\nhigh 0\nmax 40\noom 3\noom_kill 1\noom_group_kill 0");
        assertEquals(new MemoryStats(10485760, 9437184, 6291456, 3145728, OptionalLong.empty(), 40, 3, 1), stats(d));
    }

    private MemoryStats stats(RecordingDirectory d) {
        ContainerStats.Builder b = ContainerStats.builder("c");
        memory.readStats(d, b);
        return b.build().memory().orElseThrow();
    }
}
