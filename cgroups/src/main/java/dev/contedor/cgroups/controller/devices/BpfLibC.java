package dev.contedor.cgroups.controller.devices;

import jnr.ffi.Pointer;

/** The libc calls the eBPF device program needs, bound with jnr-ffi by {@link DeviceBpf} on first use. */
public interface BpfLibC {
    /** {@code syscall(SYS_bpf, cmd, attr, size)}: libc has no bpf() wrapper. */
    long syscall(long number, long cmd, Pointer attr, long size);

    int open(String path, int flags);

    int close(int fd);

    String strerror(int errnum);
}
