package dev.contedor.namespaces.stage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire format has one definition on each side, and this test is what keeps them one:
 * it parses {@code stage.h} and compares every enum constant and {@code #define} it shares
 * with {@link WireFormat}, by name and number. A constant added, renamed or renumbered on
 * one side only fails here, before any plan is misread.
 */
class StageHeaderTest {
    private static final Path HEADER = Path.of("src/main/c/stage.h");
    private static final Pattern ENUM = Pattern.compile("enum\\s+(\\w+)\\s*\\{(.*?)\\};", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("^\\s*([A-Z_][A-Z0-9_]*)\\s*=\\s*(0x[0-9A-Fa-f]+|\\d+)u?\\s*,?", Pattern.MULTILINE);
    private static final Pattern DEFINE = Pattern.compile("^#define\\s+([A-Z_][A-Z0-9_]*)\\s+(0x[0-9A-Fa-f]+|\\d+)u?\\b",
            Pattern.MULTILINE);

    /** Every numbered name of the header: enum entries and numeric #defines. */
    static Map<String, Long> constants(String header) {
        String code = header.replaceAll("(?s)/\\*.*?\\*/", " ");
        Map<String, Long> found = new TreeMap<>();
        Matcher e = ENUM.matcher(code);
        while (e.find()) {
            Matcher entry = ENTRY.matcher(e.group(2));
            while (entry.find()) {
                found.put(entry.group(1), Long.decode(entry.group(2)));
            }
        }
        Matcher d = DEFINE.matcher(code);
        while (d.find()) {
            found.put(d.group(1), Long.decode(d.group(2)));
        }
        return found;
    }

    /** What Java says each of those names is. */
    static Map<String, Long> javaConstants() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("PLAN_MAGIC", (long) WireFormat.PLAN_MAGIC);
        expected.put("PLAN_VERSION", (long) WireFormat.PLAN_VERSION);
        expected.put("MAX_OPS", (long) WireFormat.MAX_OPS);
        expected.put("MAX_ARGS", (long) WireFormat.MAX_ARGS);
        expected.put("MAX_SLOTS", (long) WireFormat.MAX_SLOTS);
        expected.put("MAX_JOINS", (long) WireFormat.MAX_JOINS);
        expected.put("MAX_CLEANUP", (long) WireFormat.MAX_CLEANUP);
        put(expected, "MSG_", WireFormat.Message.values());
        put(expected, "PLAN_", WireFormat.PlanFlag.values());
        put(expected, "OP_", WireFormat.Op.values());
        put(expected, "CLEAN_", WireFormat.Cleanup.values());
        return expected;
    }

    private static <E extends Enum<E> & WireFormat.Coded> void put(Map<String, Long> into, String prefix, E[] values) {
        for (E value : values) {
            into.put(prefix + value.name(), (long) value.code());
        }
    }

    /** Each difference, one line: a name on one side only, or two numbers for one name. */
    static List<String> differences(Map<String, Long> header, Map<String, Long> java) {
        List<String> out = new ArrayList<>();
        java.forEach((name, value) -> {
            Long c = header.get(name);
            if (c == null) {
                out.add(name + " is in WireFormat (" + value + ") but not in stage.h");
            } else if (!c.equals(value)) {
                out.add(name + " is " + c + " in stage.h but " + value + " in WireFormat");
            }
        });
        header.forEach((name, value) -> {
            boolean wire = name.startsWith("MSG_") || name.startsWith("PLAN_") || name.startsWith("OP_")
                    || name.startsWith("CLEAN_") || name.startsWith("MAX_");
            if (wire && !java.containsKey(name)) {
                out.add(name + " is in stage.h (" + value + ") but not in WireFormat");
            }
        });
        return out;
    }

    @Test
    void stageHAndWireFormatAgreeOnEveryConstant() throws IOException {
        Map<String, Long> header = constants(Files.readString(HEADER));
        assertTrue(header.size() > 40, "stage.h was not parsed: " + header);
        List<String> differences = differences(header, javaConstants());
        assertEquals(List.of(), differences, "stage.h and WireFormat disagree: fix one side");
    }

    @Test
    void aRenumberedOrMissingConstantIsCaught() throws IOException {
        String header = Files.readString(HEADER);
        String renumbered = header.replaceFirst("OP_MOUNT = 2,", "OP_MOUNT = 3,");
        assertEquals(List.of("OP_MOUNT is 3 in stage.h but 2 in WireFormat"),
                differences(constants(renumbered), javaConstants()));
        String added = header.replaceFirst("OP_DROP_CAP = 26,", "OP_DROP_CAP = 26,\n    OP_SECCOMP = 27,");
        assertEquals(List.of("OP_SECCOMP is in stage.h (27) but not in WireFormat"),
                differences(constants(added), javaConstants()));
        String removed = header.replaceFirst("#define PLAN_VERSION 2u", "");
        assertEquals(List.of("PLAN_VERSION is in WireFormat (2) but not in stage.h"),
                differences(constants(removed), javaConstants()));
    }
}
