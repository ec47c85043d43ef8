package dev.contedor.cgroups.signal;

import dev.contedor.api.error.ContedorException;

/**
 * Sends a signal to a host process. SIGKILL and SIGTERM go through {@link ProcessHandle}
 * (no native binding to load); any other signal through kill(2), bound with jnr-ffi on first
 * use only. A process that is already gone is not an error.
 */
public final class Signals {
    public static final int SIGTERM = 15;
    public static final int SIGKILL = 9;
    private static final int ESRCH = 3;

    private Signals() {
    }

    private static final class Loaded {
        static final LibC LIBC = jnr.ffi.LibraryLoader.create(LibC.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);
    }

    /** Sends {@code signal} to {@code pid}; returns false when there was no such process. */
    public static boolean send(long pid, int signal) {
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            throw new IllegalArgumentException("refusing to signal pid " + pid);
        }
        if (signal == SIGKILL || signal == SIGTERM) {
            return ProcessHandle.of(pid)
                    .map(p -> signal == SIGKILL ? p.destroyForcibly() : p.destroy())
                    .orElse(false);
        }
        int rc = Loaded.LIBC.kill((int) pid, signal);
        if (rc == 0) {
            return true;
        }
        int errno = Loaded.RUNTIME.getLastError();
        if (errno == ESRCH) {
            return false;
        }
        throw ContedorException.runtime("kill(" + pid + ", " + signal + "): " + Loaded.LIBC.strerror(errno));
    }
}
