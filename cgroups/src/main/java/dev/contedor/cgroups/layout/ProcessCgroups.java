package dev.contedor.cgroups.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /proc/PID/cgroup} (cgroups(7)): the hierarchies the kernel has for the process, one
 * line each, {@code ID:CONTROLLERS:PATH}. It is the authority on which v1 mount options
 * are controllers.
 */
public final class ProcessCgroups {
    private ProcessCgroups() {
    }

    /**
     * One hierarchy of the process.
     *
     * @param id          the hierarchy id, 0 for the unified hierarchy
     * @param controllers the v1 controllers ({@code cpu}, {@code cpuacct}) and named-hierarchy
     *                    markers ({@code name=systemd}); empty for the unified hierarchy
     * @param path        the process's cgroup in it
     */
    public record Entry(int id, Set<String> controllers, String path) {
        /** The controllers proper, without {@code name=} markers. */
        public Set<String> realControllers() {
            return Set.copyOf(controllers.stream().filter(c -> !c.startsWith("name=")).toList());
        }

        public Optional<String> name() {
            return controllers.stream().filter(c -> c.startsWith("name=")).map(c -> c.substring(5)).findFirst();
        }
    }

    public static List<Entry> parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int first = line.indexOf(':');
            int second = line.indexOf(':', first + 1);
            if (first < 0 || second < 0) {
                throw new IllegalArgumentException("not a /proc/PID/cgroup line: " + line);
            }
            String list = line.substring(first + 1, second);
            entries.add(new Entry(Integer.parseInt(line.substring(0, first)),
                    list.isEmpty() ? Set.of() : Set.of(list.split(",")), line.substring(second + 1)));
        }
        return entries;
    }
}
