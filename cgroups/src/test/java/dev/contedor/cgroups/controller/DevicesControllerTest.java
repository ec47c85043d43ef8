package dev.contedor.cgroups.controller;

import dev.contedor.host.HostWarnings;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.devices.DevicesController;
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

class DevicesControllerTest {
    private final DevicesController devices = new DevicesController();

    @BeforeEach
    void freshWarnings() {
        HostWarnings.clear();
    }

    @Test
    void appliesToEveryContainer() {
        assertTrue(devices.appliesTo(Resources.NONE));
    }

    @Test
    void v1DeniesAllThenAllowsDockersList() {
        RecordingDirectory d = new RecordingDirectory(V1, "devices.allow", "devices.deny");
        devices.apply(Resources.NONE, d);
        assertEquals(List.of("devices.deny = a",
                "devices.allow = c *:* m", "devices.allow = b *:* m",
                "devices.allow = c 1:3 rwm", "devices.allow = c 1:5 rwm", "devices.allow = c 1:7 rwm",
                "devices.allow = c 1:8 rwm", "devices.allow = c 1:9 rwm",
                "devices.allow = c 5:0 rwm", "devices.allow = c 5:1 rwm", "devices.allow = c 5:2 rwm",
                "devices.allow = c 136:* rwm", "devices.allow = c 10:200 rwm"), d.writes());
    }

    @Test
    void v1PrivilegedAllowsAll() {
        RecordingDirectory d = new RecordingDirectory(V1, "devices.allow", "devices.deny");
        devices.apply(limits().allDevices().build(), d);
        assertEquals(List.of("devices.allow = a"), d.writes());
    }

    @Test
    void v2WarnsOnceAndWritesNothing() {
        RecordingDirectory d = new RecordingDirectory(V2);
        String err = StdErr.of(() -> {
            devices.apply(Resources.NONE, d);
            devices.apply(Resources.NONE, d);
        });
        assertEquals(List.of(), d.writes());
        assertEquals("contedor: warning: cgroup v2 device access control (eBPF) is not implemented yet; the container"
                + " can open any device node it can create" + System.lineSeparator(), err);
    }
}
