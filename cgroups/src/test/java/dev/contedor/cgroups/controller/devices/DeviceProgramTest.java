package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.cgroup.Resources;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The program's shape; what the kernel makes of it is {@code DeviceProgramKernelTest}'s. */
class DeviceProgramTest {
    private static ByteBuffer code(List<DeviceRule> rules) {
        return ByteBuffer.wrap(DeviceProgram.allowing(rules)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void noRuleDeniesEverything() {
        ByteBuffer code = code(List.of());
        assertEquals(8 * 8, code.capacity(), "6 loads, r0 = 0, exit");
        assertEquals(0xb7, code.get(6 * 8) & 0xff, "mov r0, imm");
        assertEquals(0, code.getInt(6 * 8 + 4), "r0 = 0: deny");
        assertEquals(0x95, code.get(7 * 8) & 0xff, "exit");
    }

    @Test
    void aFullRuleIsFourInstructionsAndItsJumpsLandOnTheNextRule() {
        ByteBuffer code = code(List.of(DeviceRule.parse("c 1:3 rwm")));
        int block = 6 * 8;
        // jne type, 2 (char) / jne major, 1 / jne minor, 3 / mov r0, 1 / exit
        assertEquals(0x55, code.get(block) & 0xff);
        assertEquals(2, code.getInt(block + 4));
        assertEquals(4, code.getShort(block + 2), "past the two jumps below, r0 = 1 and exit");
        assertEquals(1, code.getInt(block + 8 + 4));
        assertEquals(3, code.getInt(block + 16 + 4));
        assertEquals(2, code.getShort(block + 16 + 2));
        assertEquals(1, code.getInt(block + 24 + 4), "allow");
    }

    @Test
    void partialAccessMasksTheRequest() {
        ByteBuffer code = code(List.of(DeviceRule.parse("c *:* m")));
        int block = 6 * 8;
        assertEquals(0x55, code.get(block) & 0xff, "type");
        assertEquals(0xbf, code.get(block + 8) & 0xff, "r1 = access");
        assertEquals(0x54, code.get(block + 16) & 0xff, "r1 &= ~m");
        assertEquals(~1 & 0xffff, code.getInt(block + 16 + 4));
        assertEquals(0x55, code.get(block + 24) & 0xff, "anything else asked: next rule");
    }

    @Test
    void dockersListIsSmall() {
        int instructions = DeviceProgram.allowing(DockerDeviceRules.allowed(Resources.NONE)).length / 8;
        assertEquals(69, instructions);
        assertTrue(instructions < 4096, "far below the kernel's limit for unprivileged programs");
    }

    @Test
    void rulesParseAsV1WritesThem() {
        assertEquals(new DeviceRule('c', 136, DeviceRule.ANY, "rwm"), DeviceRule.parse("c 136:* rwm"));
        assertEquals("b *:* m", DeviceRule.parse("b *:* m").toString());
        assertEquals(new DeviceRule('a', DeviceRule.ANY, DeviceRule.ANY, "rwm"), DeviceRule.parse("a"));
        assertThrows(IllegalArgumentException.class, () -> DeviceRule.parse("x 1:1 r"));
        assertThrows(IllegalArgumentException.class, () -> DeviceRule.parse("c 1:1 rx"));
        assertThrows(IllegalArgumentException.class, () -> DeviceRule.parse("c 1 r"));
    }
}
