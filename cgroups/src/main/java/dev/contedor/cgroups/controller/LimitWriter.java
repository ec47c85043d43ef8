package dev.contedor.cgroups.controller;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.error.ContedorException;

/**
 * Writes a limit and, when the kernel refuses it, says which of docker's flags it came from:
 * {@code --memory: cgroup /sys/fs/cgroup/memory/contedor/ID/memory.limit_in_bytes = 1000: Invalid argument}.
 */
public final class LimitWriter {
    private LimitWriter() {
    }

    public static void write(CgroupDirectory directory, String flag, String file, String value) {
        try {
            directory.write(file, value);
        } catch (ContedorException e) {
            throw new ContedorException(e.exitCode(), flag + ": " + e.getMessage(), e);
        }
    }
}
