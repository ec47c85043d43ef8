package dev.contedor.cgroups.controller.devices;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program that allows exactly the given rules
 * and denies everything else: the cgroup v2 equivalent of v1's {@code devices.deny a} followed
 * by one {@code devices.allow} per rule.
 *
 * <p>The kernel calls it with a {@code struct bpf_cgroup_dev_ctx} in r1: {@code access_type}
 * (the device type in its low 16 bits, the requested access in its high 16), {@code major},
 * {@code minor}; it returns 1 to allow, 0 to deny (EPERM). The program reads the three fields
 * once, then tests each rule in turn and returns 1 at the first that matches. Only forward
 * jumps and one exit value per path: what the verifier accepts.
 */
public final class DeviceProgram {
    /** The size of one instruction: opcode, registers, 16-bit offset, 32-bit immediate. */
    public static final int INSTRUCTION_SIZE = 8;

    // bpf_cgroup_dev_ctx field offsets and the values the kernel puts in them (uapi/linux/bpf.h)
    private static final short ACCESS_TYPE = 0;
    private static final short MAJOR = 4;
    private static final short MINOR = 8;
    private static final int DEV_BLOCK = 1;
    private static final int DEV_CHAR = 2;
    private static final int ACC_MKNOD = 1;
    private static final int ACC_READ = 2;
    private static final int ACC_WRITE = 4;

    // opcodes (class | operation | source)
    private static final int LDX_MEM_W = 0x61;   // dst = *(u32 *)(src + off)
    private static final int ALU32_AND_K = 0x54; // dst = (u32) dst & imm
    private static final int ALU32_RSH_K = 0x74; // dst = (u32) dst >> imm
    private static final int ALU64_MOV_K = 0xb7; // dst = imm
    private static final int ALU64_MOV_X = 0xbf; // dst = src
    private static final int JMP_JNE_K = 0x55;   // if dst != imm goto pc + 1 + off
    private static final int JMP_EXIT = 0x95;

    // registers: r1 holds the context on entry and is free once the fields are read
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int TYPE = 2;
    private static final int ACCESS = 3;
    private static final int MAJOR_REG = 4;
    private static final int MINOR_REG = 5;

    private DeviceProgram() {
    }

    /** The instructions, little-endian as the kernel reads them on x86-64 and arm64. */
    public static byte[] allowing(List<DeviceRule> rules) {
        List<long[]> code = new ArrayList<>();
        code.add(insn(LDX_MEM_W, TYPE, R1, ACCESS_TYPE, 0));
        code.add(insn(ALU32_AND_K, TYPE, 0, 0, 0xffff));
        code.add(insn(LDX_MEM_W, ACCESS, R1, ACCESS_TYPE, 0));
        code.add(insn(ALU32_RSH_K, ACCESS, 0, 0, 16));
        code.add(insn(LDX_MEM_W, MAJOR_REG, R1, MAJOR, 0));
        code.add(insn(LDX_MEM_W, MINOR_REG, R1, MINOR, 0));
        for (DeviceRule rule : rules) {
            code.addAll(block(rule));
        }
        code.add(insn(ALU64_MOV_K, R0, 0, 0, 0));
        code.add(insn(JMP_EXIT, 0, 0, 0, 0));
        ByteBuffer out = ByteBuffer.allocate(code.size() * INSTRUCTION_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] i : code) {
            out.put((byte) i[0]).put((byte) ((i[2] << 4) | i[1])).putShort((short) i[3]).putInt((int) i[4]);
        }
        return out.array();
    }

    /**
     * One rule: each test that fails jumps past the block's end (to the next rule), and the
     * block ends with "return 1". The jump offsets are filled once the block's length is known.
     */
    private static List<long[]> block(DeviceRule rule) {
        List<long[]> block = new ArrayList<>();
        List<Integer> jumps = new ArrayList<>();
        if (rule.type() != 'a') {
            jumps.add(block.size());
            block.add(insn(JMP_JNE_K, TYPE, 0, 0, rule.type() == 'b' ? DEV_BLOCK : DEV_CHAR));
        }
        int allowed = access(rule.access());
        if (allowed != (ACC_MKNOD | ACC_READ | ACC_WRITE)) {
            // the request must ask for nothing beyond the rule's access
            block.add(insn(ALU64_MOV_X, R1, ACCESS, 0, 0));
            block.add(insn(ALU32_AND_K, R1, 0, 0, ~allowed & 0xffff));
            jumps.add(block.size());
            block.add(insn(JMP_JNE_K, R1, 0, 0, 0));
        }
        if (rule.major() != DeviceRule.ANY) {
            jumps.add(block.size());
            block.add(insn(JMP_JNE_K, MAJOR_REG, 0, 0, rule.major()));
        }
        if (rule.minor() != DeviceRule.ANY) {
            jumps.add(block.size());
            block.add(insn(JMP_JNE_K, MINOR_REG, 0, 0, rule.minor()));
        }
        block.add(insn(ALU64_MOV_K, R0, 0, 0, 1));
        block.add(insn(JMP_EXIT, 0, 0, 0, 0));
        for (int at : jumps) {
            block.get(at)[3] = block.size() - (at + 1);
        }
        return block;
    }

    private static int access(String access) {
        int bits = 0;
        for (char c : access.toCharArray()) {
            bits |= switch (c) {
                case 'r' -> ACC_READ;
                case 'w' -> ACC_WRITE;
                case 'm' -> ACC_MKNOD;
                default -> throw new IllegalArgumentException("device access " + access);
            };
        }
        return bits;
    }

    private static long[] insn(int opcode, int dst, int src, int offset, long imm) {
        return new long[] {opcode, dst, src, offset, imm};
    }
}
