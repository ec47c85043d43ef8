package dev.contedor.cgroups.fs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parsers for the kernel's cgroup file formats (Documentation/admin-guide/cgroup-v2.rst,
 * "Interface Files"): flat keyed ({@code KEY VALUE} per line) and nested keyed
 * ({@code KEY SUBKEY=VALUE ...} per line).
 */
public final class KeyedValues {
    private KeyedValues() {
    }

    /** {@code memory.stat}, {@code cpu.stat}, {@code memory.events}: numbers by key; other values are left out. */
    public static Map<String, Long> flat(String content) {
        Map<String, Long> values = new LinkedHashMap<>();
        content.lines().forEach(line -> {
            String[] kv = line.strip().split("\\s+");
            if (kv.length == 2) {
                parse(kv[1]).ifPresent(v -> values.put(kv[0], v));
            }
        });
        return values;
    }

    /** {@code io.stat}, {@code io.max}, PSI files: {@code KEY a=1 b=2} per line, numbers by sub-key. */
    public static Map<String, Map<String, String>> nested(String content) {
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        content.lines().forEach(line -> {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 2) {
                return;
            }
            Map<String, String> sub = values.computeIfAbsent(fields[0], k -> new LinkedHashMap<>());
            for (int i = 1; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                if (eq > 0) {
                    sub.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
                }
            }
        });
        return values;
    }

    /** A single number; empty for {@code max} or anything else that is not one. */
    public static OptionalLong parse(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A number, 0 when absent or not a number. */
    public static long number(String value) {
        return parse(value).orElse(0);
    }

    /** A v2 limit: {@code max} or a number; empty when unlimited. */
    public static OptionalLong limit(String value) {
        return value.strip().equals("max") ? OptionalLong.empty() : parse(value);
    }
}
