package dev.contedor.cgroups.controller;

import dev.contedor.host.HostWarnings;
import dev.contedor.api.cgroup.DeviceMapping;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.devices.DevicesController;
import dev.contedor.cgroups.fake.RecordingDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.List;

import static dev.contedor.api.cgroup.CgroupVersion.V1;
import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void v1AllowsEachDeviceGivenAfterDockersList() {
        RecordingDirectory d = new RecordingDirectory(V1, "devices.allow", "devices.deny");
        devices.apply(limits().device(new DeviceMapping("/dev/ttyS1", "/dev/ttyS1", 'c', 4, 65, "rw", 0660, 0, 20))
                .build(), d);
        assertEquals("devices.allow = c 4:65 rw", d.writes().getLast());
    }

    @Test
    void v2PrivilegedLoadsNoProgram() {
        RecordingDirectory d = new RecordingDirectory(V2);
        devices.apply(limits().allDevices().build(), d);
        assertEquals(List.of(), d.writes());
    }

    @Test
    void v2RefusesTheContainerWhenTheProgramCannotBeAttached(@TempDir Path notACgroup) {
        RecordingDirectory d = new RecordingDirectory(V2, notACgroup);
        ContedorException e = assertThrows(ContedorException.class, () -> devices.apply(Resources.NONE, d));
        assertTrue(e.getMessage().startsWith("cgroup v2 device control: cannot "), e.getMessage());
        assertTrue(e.getMessage().endsWith("so it is not started (--privileged runs it without device control)"),
                e.getMessage());
    }
}
