package dev.contedor.cgroups.controller;

import dev.contedor.cgroups.controller.cpuset.CpusetController;
import dev.contedor.cgroups.fake.RecordingDirectory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.contedor.api.cgroup.CgroupVersion.V1;
import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CpusetControllerTest {
    private final CpusetController cpuset = new CpusetController();

    @Test
    void sameFilesOnV1AndV2() {
        for (var version : List.of(V1, V2)) {
            RecordingDirectory d = new RecordingDirectory(version, "cpuset.cpus", "cpuset.mems");
            cpuset.apply(limits().cpus("0-1,3").mems("0").build(), d);
            assertEquals(List.of("cpuset.cpus = 0-1,3", "cpuset.mems = 0"), d.writes());
        }
    }

    @Test
    void aNewV1LevelGetsItsParentsCpusAndMems() {
        RecordingDirectory parent = new RecordingDirectory(V1).with("cpuset.cpus", "0-3").with("cpuset.mems", "0-1");
        RecordingDirectory level = new RecordingDirectory(V1).with("cpuset.cpus", "").with("cpuset.mems", "\n");
        cpuset.prepareV1Level(parent, level);
        assertEquals(List.of("cpuset.cpus = 0-3", "cpuset.mems = 0-1"), level.writes());
    }

    @Test
    void aV1LevelWithItsOwnValuesKeepsThem() {
        RecordingDirectory parent = new RecordingDirectory(V1).with("cpuset.cpus", "0-3").with("cpuset.mems", "0");
        RecordingDirectory level = new RecordingDirectory(V1).with("cpuset.cpus", "1").with("cpuset.mems", "0");
        cpuset.prepareV1Level(parent, level);
        assertEquals(List.of(), level.writes());
        assertEquals(Optional.of("1"), level.read("cpuset.cpus"));
    }
}
