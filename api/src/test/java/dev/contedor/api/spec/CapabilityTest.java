package dev.contedor.api.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CapabilityTest {
    @ParameterizedTest
    @ValueSource(strings = {"NET_RAW", "cap_net_raw", "CAP_NET_RAW", "net_raw", "Cap_Net_Raw", " NET_RAW "})
    void parsesDockerAndOciSpellings(String text) {
        assertEquals(Optional.of(Capability.NET_RAW), Capability.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NET_RAWX", "NETRAW", "CAP_", "", "ALL", "CAP_CAP_NET_RAW", "NET-RAW"})
    void unknownNamesGiveNothing(String text) {
        assertEquals(Optional.empty(), Capability.parse(text));
    }

    @Test
    void ordinalIsTheKernelNumber() {
        // from <linux/capability.h>
        assertEquals(0, Capability.CHOWN.number());
        assertEquals(5, Capability.KILL.number());
        assertEquals(12, Capability.NET_ADMIN.number());
        assertEquals(13, Capability.NET_RAW.number());
        assertEquals(21, Capability.SYS_ADMIN.number());
        assertEquals(27, Capability.MKNOD.number());
        assertEquals(31, Capability.SETFCAP.number());
        assertEquals(37, Capability.AUDIT_READ.number());
        assertEquals(40, Capability.CHECKPOINT_RESTORE.number());
        assertEquals(Capability.SYS_ADMIN.ordinal(), Capability.SYS_ADMIN.number());
        assertEquals(41, Capability.values().length, "CAP_LAST_CAP is 40");
    }

    @Test
    void ociNameParsesBack() {
        assertEquals("CAP_NET_RAW", Capability.NET_RAW.ociName());
        for (Capability c : Capability.values()) {
            assertEquals(Optional.of(c), Capability.parse(c.ociName()));
        }
    }

    @Test
    void dockerDefaultCapabilitiesAreMobysBitmask() {
        long mask = 0;
        for (Capability c : DockerDefaults.CAPABILITIES) {
            mask |= 1L << c.number();
        }
        assertEquals(0xa80425fbL, mask);
    }
}
