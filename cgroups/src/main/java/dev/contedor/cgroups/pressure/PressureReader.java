package dev.contedor.cgroups.pressure;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.stats.ContainerStats;
import dev.contedor.api.cgroup.stats.Pressure;
import dev.contedor.cgroups.fs.KeyedValues;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pressure stall information of a cgroup2 folder ({@code cpu.pressure}, {@code memory.pressure},
 * {@code io.pressure}): core cgroup2 files, present whether or not the controller is enabled,
 * absent (or unreadable) when the kernel runs without PSI. v1 has none.
 */
public final class PressureReader {
    public static final List<String> RESOURCES = List.of("cpu", "memory", "io");

    public void read(CgroupDirectory directory, ContainerStats.Builder stats) {
        for (String resource : RESOURCES) {
            Optional<String> content;
            try {
                content = directory.read(resource + ".pressure");
            } catch (RuntimeException psiOff) {
                continue; // EOPNOTSUPP when PSI is disabled at boot
            }
            content.flatMap(PressureReader::some).ifPresent(p -> stats.pressure(resource, p));
        }
    }

    /** The {@code some avg10=0.00 avg60=0.00 avg300=0.00 total=0} line. */
    static Optional<Pressure> some(String content) {
        Map<String, String> some = KeyedValues.nested(content).get("some");
        if (some == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Pressure(Double.parseDouble(some.getOrDefault("avg10", "0")),
                    Double.parseDouble(some.getOrDefault("avg60", "0")),
                    Double.parseDouble(some.getOrDefault("avg300", "0")),
                    KeyedValues.number(some.getOrDefault("total", "0"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
