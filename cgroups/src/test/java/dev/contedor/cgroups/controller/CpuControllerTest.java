package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.CpuStats;
import dev.contedor.cgroups.controller.cpu.CpuController;
import dev.contedor.cgroups.controller.cpu.CpuWeight;
import dev.contedor.cgroups.fake.RecordingDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static dev.contedor.api.cgroup.CgroupVersion.V1;
import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuControllerTest {
    private final CpuController cpu = new CpuController();

    @ParameterizedTest(name = "{0} shares = weight {1}")
    @CsvSource({
            "2, 1", "1024, 39", "262144, 10000",      // the documented points
            "1, 1", "0, 1", "300000, 10000",          // clamped to 2..262144
            "3, 1", "128, 5", "512, 20", "2048, 79", "10000, 382", "131072, 5000"})
    void sharesToWeight(long shares, long weight) {
        assertEquals(weight, CpuWeight.fromShares(shares));
    }

    @Test
    void v1WritesSharesThenPeriodThenQuota() {
        RecordingDirectory d = new RecordingDirectory(V1, "cpu.shares", "cpu.cfs_period_us", "cpu.cfs_quota_us");
        cpu.apply(limits().shares(512).quota(50000).period(100000).build(), d);
        assertEquals(List.of("cpu.shares = 512", "cpu.cfs_period_us = 100000", "cpu.cfs_quota_us = 50000"), d.writes());
    }

    @Test
    void v1UnlimitedQuotaIsMinusOne() {
        RecordingDirectory d = new RecordingDirectory(V1, "cpu.cfs_quota_us");
        cpu.apply(limits().quota(-1).build(), d);
        assertEquals(List.of("cpu.cfs_quota_us = -1"), d.writes());
    }

    @Test
    void v2WritesWeightAndCpuMax() {
        RecordingDirectory d = new RecordingDirectory(V2, "cpu.weight", "cpu.max");
        cpu.apply(limits().shares(1024).quota(50000).period(100000).build(), d);
        assertEquals(List.of("cpu.weight = 39", "cpu.max = 50000 100000"), d.writes());
    }

    @Test
    void v2CpuMaxWithoutQuotaOrWithoutPeriod() {
        RecordingDirectory periodOnly = new RecordingDirectory(V2, "cpu.max");
        cpu.apply(limits().period(250000).build(), periodOnly);
        assertEquals(List.of("cpu.max = max 250000"), periodOnly.writes());
        RecordingDirectory quotaOnly = new RecordingDirectory(V2, "cpu.max");
        cpu.apply(limits().quota(20000).build(), quotaOnly);
        assertEquals(List.of("cpu.max = 20000"), quotaOnly.writes());
    }

    @Test
    void appliesOnlyWithACpuFlag() {
        assertFalse(cpu.appliesTo(limits().memory(1).build()));
        assertTrue(cpu.appliesTo(limits().period(100000).build()));
        assertEquals(Set.of("cpuacct"), cpu.v1Companions());
    }

    @Test
    void v1StatsFromCpuacctAndCpuStat() {
        RecordingDirectory d = new RecordingDirectory(V1)
                .with("cpuacct.usage", "1500000000")
                .with("cpuacct.stat", "user 114471\nsystem 18134")
                .with("cpu.stat", "nr_periods 10\nnr_throttled 4\nthrottled_time 123456789\nnr_bursts 0\nburst_time 0");
        ContainerStats.Builder stats = ContainerStats.builder("c");
        cpu.readStats(d, stats);
        assertEquals(new CpuStats(1_500_000_000L, 114471L * 10_000_000L, 18134L * 10_000_000L, 10, 4, 123456789),
                stats.build().cpu().orElseThrow());
    }

    @Test
    void v2StatsFromCpuStatInMicroseconds() {
        RecordingDirectory d = new RecordingDirectory(V2).with("cpu.stat",
                "usage_usec 1296852970\nuser_usec 1119497146\nsystem_usec 177355823\nnice_usec 0\n"
                        + "nr_periods 7\nnr_throttled 2\nthrottled_usec 3000\nnr_bursts 0\nburst_usec 0");
        ContainerStats.Builder stats = ContainerStats.builder("c");
        cpu.readStats(d, stats);
        assertEquals(new CpuStats(1296852970000L, 1119497146000L, 177355823000L, 7, 2, 3_000_000),
                stats.build().cpu().orElseThrow());
    }
}
