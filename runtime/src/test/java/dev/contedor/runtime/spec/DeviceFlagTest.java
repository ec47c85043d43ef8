package dev.contedor.runtime.spec;

import dev.contedor.api.cgroup.DeviceMapping;
import dev.contedor.api.error.ContedorException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker's {@code --device} forms, on this host's /dev/null (c 1:3, 0666). */
class DeviceFlagTest {
    @Test
    void hostPathAloneKeepsItsPathAndAllAccess() {
        DeviceMapping d = DeviceFlag.parse("/dev/null");
        assertEquals(new DeviceMapping("/dev/null", "/dev/null", 'c', 1, 3, "rwm", 0666, 0, 0), d);
        assertEquals("c 1:3 rwm", d.allowRule());
    }

    @Test
    void containerPathAndAccess() {
        assertEquals("/dev/mynull", DeviceFlag.parse("/dev/null:/dev/mynull").containerPath());
        assertEquals("rw", DeviceFlag.parse("/dev/null:/dev/mynull:wr").access(), "written in rwm order");
        DeviceMapping accessOnly = DeviceFlag.parse("/dev/null:r");
        assertEquals("/dev/null", accessOnly.containerPath());
        assertEquals("r", accessOnly.access());
    }

    private static String refusal(String value) {
        return assertThrows(ContedorException.class, () -> DeviceFlag.parseAll(List.of(value))).getMessage();
    }

    @Test
    void refusalsNameTheFlagAndTheFix() {
        assertEquals("--device /etc/hostname: /etc/hostname is not a character or block device", refusal("/etc/hostname"));
        assertEquals("--device /dev/nope: /dev/nope does not exist on this host", refusal("/dev/nope"));
        assertTrue(refusal("/dev/null:/tmp/null").contains("must be below /dev"));
        assertTrue(refusal("/dev/null:/dev/n:rx").contains("not a combination of r, w and m"));
        assertTrue(refusal("dev/null").contains("must be absolute"));
        assertTrue(assertThrows(ContedorException.class, () -> DeviceFlag.parseAll(List.of("/dev/null", "/dev/zero:/dev/null")))
                .getMessage().contains("given twice"));
    }
}
