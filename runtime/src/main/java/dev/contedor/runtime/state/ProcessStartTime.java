package dev.contedor.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's start time in clock ticks since boot ({@code /proc/PID/stat} field 22):
 * with the pid, it identifies a process for good, since pids are reused.
 */
public final class ProcessStartTime {
    private ProcessStartTime() {
    }

    /** The start time, or -1 when no such process exists. */
    public static long of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: count from the last ')'
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
