package dev.contedor.cgroups.controller.devices;

import dev.contedor.api.error.ContedorException;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * bpf(2) for cgroup v2 device control: loads a {@link DeviceProgram} ({@code BPF_PROG_LOAD},
 * type {@code BPF_PROG_TYPE_CGROUP_DEVICE}) and attaches it to a cgroup folder
 * ({@code BPF_PROG_ATTACH}, {@code BPF_CGROUP_DEVICE}). The program's descriptor is closed
 * once attached: the cgroup holds the program, and the kernel frees it with the cgroup, so
 * nothing is left to clean up. jnr-ffi is loaded on the first call only (v2 hosts).
 */
public final class DeviceBpf {
    // uapi/linux/bpf.h
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    private static final int BPF_CGROUP_DEVICE = 6;
    /** Lets programs of the parent cgroups (systemd's, a nested runtime's) run as well, as runc attaches. */
    private static final int BPF_F_ALLOW_MULTI = 2;
    /** {@code union bpf_attr} is larger; the kernel reads what it knows and wants the rest zero. */
    private static final int ATTR_SIZE = 128;
    private static final int LOG_SIZE = 64 * 1024;
    private static final int O_RDONLY_DIRECTORY_CLOEXEC = 0200000 | 02000000;
    private static final byte[] LICENSE = "Apache-2.0\0".getBytes(StandardCharsets.US_ASCII);

    private DeviceBpf() {
    }

    private static final class Loaded {
        static final BpfLibC LIBC = LibraryLoader.create(BpfLibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
        static final long SYS_BPF = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 321;
            case "aarch64" -> 280;
            default -> -1;
        };
    }

    /**
     * Loads {@code program} and attaches it to the cgroup folder {@code cgroup}.
     *
     * @throws ContedorException naming the step, the kernel's reason and, for a program the
     *                           verifier refuses, the first lines of its log
     */
    public static void attach(byte[] program, Path cgroup) {
        if (Loaded.SYS_BPF < 0) {
            throw ContedorException.runtime("eBPF device control is not supported on " + System.getProperty("os.arch"));
        }
        int programFd = load(program);
        try {
            int cgroupFd = Loaded.LIBC.open(cgroup.toString(), O_RDONLY_DIRECTORY_CLOEXEC);
            if (cgroupFd < 0) {
                throw failure("open " + cgroup, errno());
            }
            try {
                Pointer attr = attr();
                attr.putInt(0, cgroupFd);            // target_fd
                attr.putInt(4, programFd);           // attach_bpf_fd
                attr.putInt(8, BPF_CGROUP_DEVICE);   // attach_type
                attr.putInt(12, BPF_F_ALLOW_MULTI);  // attach_flags
                if (bpf(BPF_PROG_ATTACH, attr) < 0) {
                    throw failure("attach the device program (BPF_PROG_ATTACH) to " + cgroup, errno());
                }
            } finally {
                Loaded.LIBC.close(cgroupFd);
            }
        } finally {
            Loaded.LIBC.close(programFd);
        }
    }

    /** {@code BPF_PROG_LOAD}; on a refusal, once more with the verifier's log for the message. */
    private static int load(byte[] program) {
        Runtime runtime = Loaded.RUNTIME;
        Pointer instructions = Memory.allocateDirect(runtime, program.length);
        instructions.put(0, program, 0, program.length);
        Pointer license = Memory.allocateDirect(runtime, LICENSE.length);
        license.put(0, LICENSE, 0, LICENSE.length);
        try {
            int fd = (int) bpf(BPF_PROG_LOAD, loadAttr(program, instructions, license, null));
            if (fd >= 0) {
                return fd;
            }
            int errno = errno();
            Pointer log = Memory.allocateDirect(runtime, LOG_SIZE, true);
            int retry = (int) bpf(BPF_PROG_LOAD, loadAttr(program, instructions, license, log));
            if (retry >= 0) {
                return retry; // refused without a log, accepted with one: take it
            }
            String verifier = log.getString(0, LOG_SIZE, StandardCharsets.US_ASCII).strip();
            Reference.reachabilityFence(log);
            String detail = verifier.isEmpty() ? "" : " (verifier: "
                    + String.join(" | ", verifier.lines().limit(4).toList()) + ")";
            throw failure("load the device program (BPF_PROG_LOAD, " + program.length / DeviceProgram.INSTRUCTION_SIZE
                    + " instructions)" + detail, errno);
        } finally {
            // the kernel reads them by address: they must outlive the calls
            Reference.reachabilityFence(instructions);
            Reference.reachabilityFence(license);
        }
    }

    private static Pointer loadAttr(byte[] program, Pointer instructions, Pointer license, Pointer log) {
        Pointer attr = attr();
        attr.putInt(0, BPF_PROG_TYPE_CGROUP_DEVICE);                    // prog_type
        attr.putInt(4, program.length / DeviceProgram.INSTRUCTION_SIZE); // insn_cnt
        attr.putLong(8, instructions.address());                        // insns
        attr.putLong(16, license.address());                            // license
        if (log != null) {
            attr.putInt(24, 1);                                         // log_level
            attr.putInt(28, LOG_SIZE);                                  // log_size
            attr.putLong(32, log.address());                            // log_buf
        }
        attr.putInt(68, BPF_CGROUP_DEVICE);                             // expected_attach_type
        return attr;
    }

    private static Pointer attr() {
        return Memory.allocateDirect(Loaded.RUNTIME, ATTR_SIZE, true);
    }

    private static long bpf(int command, Pointer attr) {
        return Loaded.LIBC.syscall(Loaded.SYS_BPF, command, attr, ATTR_SIZE);
    }

    private static int errno() {
        return Loaded.RUNTIME.getLastError();
    }

    private static ContedorException failure(String what, int errno) {
        return ContedorException.runtime("cgroup v2 device control: cannot " + what + ": " + Loaded.LIBC.strerror(errno));
    }
}
