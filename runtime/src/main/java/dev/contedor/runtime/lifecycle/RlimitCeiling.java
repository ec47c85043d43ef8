package dev.contedor.runtime.lifecycle;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.Rlimit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A plan's resource limits may only lower the runtime's own hard limits: raising one needs
 * CAP_SYS_RESOURCE, which root may lack (this project's machines do). Read from
 * {@code /proc/self/limits} only when a plan sets a limit.
 */
final class RlimitCeiling {
    private RlimitCeiling() {
    }

    static void check(LaunchPlan plan) {
        List<LaunchOp.SetRlimit> limits = plan.ops().stream().filter(LaunchOp.SetRlimit.class::isInstance)
                .map(LaunchOp.SetRlimit.class::cast).toList();
        if (limits.isEmpty()) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/limits"));
        } catch (IOException e) {
            return; // the kernel will say so at setrlimit
        }
        for (LaunchOp.SetRlimit limit : limits) {
            OptionalLong ceiling = hard(lines, limit.resource());
            if (ceiling.isPresent() && (limit.hard() == LaunchOp.SetRlimit.UNLIMITED || limit.hard() > ceiling.getAsLong())) {
                throw ContedorException.runtime(limit.describe() + ": the runtime's own hard limit is "
                        + ceiling.getAsLong() + " and raising it needs CAP_SYS_RESOURCE; ask for at most "
                        + ceiling.getAsLong());
            }
        }
    }

    /** The hard limit in /proc/self/limits, empty when unlimited or not listed. */
    static OptionalLong hard(List<String> lines, Rlimit resource) {
        String label = label(resource);
        for (String line : lines) {
            if (line.startsWith(label)) {
                String[] fields = line.substring(label.length()).trim().split("\\s+");
                return fields.length > 1 && !fields[1].equals("unlimited")
                        ? OptionalLong.of(Long.parseLong(fields[1])) : OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** The row labels of /proc/PID/limits (proc(5)). */
    private static String label(Rlimit resource) {
        return switch (resource) {
            case CPU -> "Max cpu time";
            case FSIZE -> "Max file size";
            case DATA -> "Max data size";
            case STACK -> "Max stack size";
            case CORE -> "Max core file size";
            case RSS -> "Max resident set";
            case NPROC -> "Max processes";
            case NOFILE -> "Max open files";
            case MEMLOCK -> "Max locked memory";
            case AS -> "Max address space";
            case LOCKS -> "Max file locks";
            case SIGPENDING -> "Max pending signals";
            case MSGQUEUE -> "Max msgqueue size";
            case NICE -> "Max nice priority";
            case RTPRIO -> "Max realtime priority";
            case RTTIME -> "Max realtime timeout";
        };
    }
}
