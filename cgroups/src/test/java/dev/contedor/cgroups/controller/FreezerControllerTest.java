package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.freezer.FreezerController;
import dev.contedor.cgroups.fake.RecordingDirectory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.contedor.api.cgroup.CgroupVersion.V1;
import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreezerControllerTest {
    private final FreezerController freezer = new FreezerController();

    @Test
    void setsNoLimits() {
        assertFalse(freezer.appliesTo(Resources.NONE));
        assertTrue(freezer.coreOnV2());
    }

    @Test
    void v1FreezerState() {
        RecordingDirectory d = new RecordingDirectory(V1).with("freezer.state", "THAWED");
        freezer.freeze(d);
        assertTrue(freezer.isFrozen(d));
        freezer.thaw(d);
        assertFalse(freezer.isFrozen(d));
        assertEquals(List.of("freezer.state = FROZEN", "freezer.state = THAWED"), d.writes());
    }

    @Test
    void v2CgroupFreezeAndEvents() {
        RecordingDirectory d = new RecordingDirectory(V2).with("cgroup.freeze", "0")
                .with("cgroup.events", "populated 1\nfrozen 1");
        freezer.freeze(d);
        assertTrue(freezer.isFrozen(d));
        freezer.thaw(d);
        assertEquals(List.of("cgroup.freeze = 1", "cgroup.freeze = 0"), d.writes());
    }
}
