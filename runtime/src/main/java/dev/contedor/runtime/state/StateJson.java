package dev.contedor.runtime.state;

import dev.contedor.api.state.ContainerState;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a {@link ContainerState} as the OCI state JSON, with contedor's fields added. */
public final class StateJson {
    private StateJson() {
    }

    public static String write(ContainerState s) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\n");
        field(sb, "ociVersion", s.ociVersion());
        field(sb, "id", s.id());
        field(sb, "status", s.status().ociName());
        sb.append("  \"pid\": ").append(s.pid()).append(",\n");
        field(sb, "bundle", s.bundle() == null ? "" : s.bundle().toString());
        sb.append("  \"annotations\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(s.annotations()).entrySet()) {
            sb.append(first ? "" : ", ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            first = false;
        }
        sb.append("},\n");
        sb.append("  \"contedor\": {\n");
        sb.append("    \"startTime\": ").append(s.startTime()).append(",\n");
        sb.append("    \"rootfs\": ").append(quote(s.rootfs() == null ? "" : s.rootfs().toString())).append(",\n");
        sb.append("    \"command\": ").append(array(s.command())).append(",\n");
        sb.append("    \"created\": ").append(quote(String.valueOf(s.created()))).append(",\n");
        sb.append("    \"stateDir\": ").append(quote(String.valueOf(s.stateDir()))).append("\n");
        sb.append("  }\n}\n");
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append("  ").append(quote(name)).append(": ").append(quote(value)).append(",\n");
    }

    private static String array(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        return sb.append(']').toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
