package dev.contedor.cgroups.isolation;

import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.MemoryStats;
import dev.contedor.api.cgroup.stats.PidsStats;

import java.util.Optional;
import java.util.Set;

/** The one line that tells a user a limit ended or hampered their container, from its last stats. */
public final class ExitExplanation {
    private static final long MIB = 1024 * 1024;
    /** The controllers whose counters explain an exit: read only these at every exit. */
    static final Set<String> CONTROLLERS = Set.of("memory", "pids");

    private ExitExplanation() {
    }

    public static Optional<String> of(ContainerStats stats) {
        Optional<String> memory = stats.memory().filter(m -> m.oomKills() > 0).map(ExitExplanation::oom);
        if (memory.isPresent()) {
            return memory;
        }
        return stats.pids().filter(p -> p.refusedForks() > 0).map(ExitExplanation::forks);
    }

    static String oom(MemoryStats memory) {
        if (memory.limitBytes().isPresent()) {
            long limit = memory.limitBytes().getAsLong();
            String size = limit % MIB == 0 || limit >= 10 * MIB ? Math.round((double) limit / MIB) + " MiB"
                    : limit + " bytes";
            return "the container was killed for memory: the OOM killer ran because it reached its memory limit ("
                    + size + ")";
        }
        return "the container was killed for memory: the OOM killer ran in its cgroup (it had no memory limit of its"
                + " own: the host or a parent cgroup ran out of memory)";
    }

    static String forks(PidsStats pids) {
        return pids.refusedForks() + (pids.refusedForks() == 1 ? " fork was" : " forks were")
                + " refused: the container reached its pids limit ("
                + (pids.limit().isPresent() ? Long.toString(pids.limit().getAsLong()) : "of a parent cgroup") + ")";
    }
}
