package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.PidsStats;
import dev.contedor.cgroups.controller.pids.PidsController;
import dev.contedor.cgroups.fake.RecordingDirectory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static dev.contedor.api.cgroup.CgroupVersion.V1;
import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PidsControllerTest {
    private final PidsController pids = new PidsController();

    @Test
    void pidsMaxOnBothVersionsAndMaxForNoLimit() {
        for (var version : List.of(V1, V2)) {
            RecordingDirectory d = new RecordingDirectory(version, "pids.max");
            pids.apply(limits().pids(50).build(), d);
            pids.apply(limits().pids(0).build(), d);
            pids.apply(limits().pids(-1).build(), d);
            assertEquals(List.of("pids.max = 50", "pids.max = max", "pids.max = max"), d.writes());
        }
    }

    @Test
    void statsWithRefusedForks() {
        for (var version : List.of(V1, V2)) {
            RecordingDirectory d = new RecordingDirectory(version).with("pids.current", "50")
                    .with("pids.max", "50").with("pids.events", "max 151");
            ContainerStats.Builder b = ContainerStats.builder("c");
            pids.readStats(d, b);
            assertEquals(new PidsStats(50, OptionalLong.of(50), 151), b.build().pids().orElseThrow());
        }
        RecordingDirectory unlimited = new RecordingDirectory(V2).with("pids.current", "1").with("pids.max", "max");
        ContainerStats.Builder b = ContainerStats.builder("c");
        pids.readStats(unlimited, b);
        assertEquals(new PidsStats(1, OptionalLong.empty(), 0), b.build().pids().orElseThrow());
    }
}
