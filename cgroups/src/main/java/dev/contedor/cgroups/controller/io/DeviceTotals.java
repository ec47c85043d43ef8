package dev.contedor.cgroups.controller.io;

import dev.contedor.api.cgroup.stats.IoStats;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-device IO counters being gathered, by {@code MAJOR:MINOR}. */
final class DeviceTotals {
    private final Map<String, long[]> byDevice = new TreeMap<>();

    static final int READ_BYTES = 0;
    static final int WRITE_BYTES = 1;
    static final int READ_OPS = 2;
    static final int WRITE_OPS = 3;

    void add(String device, int counter, long value) {
        byDevice.computeIfAbsent(device, d -> new long[4])[counter] += value;
    }

    boolean isEmpty() {
        return byDevice.isEmpty();
    }

    List<IoStats> stats() {
        return byDevice.entrySet().stream()
                .map(e -> new IoStats(e.getKey(), e.getValue()[READ_BYTES], e.getValue()[WRITE_BYTES],
                        e.getValue()[READ_OPS], e.getValue()[WRITE_OPS]))
                .toList();
    }
}
