package dev.contedor.runtime.spec;

import dev.contedor.api.error.ContedorException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code --annotation KEY=VALUE}: a container's OCI annotations, as podman takes them. Plugins
 * read them from the spec to act per container; they are kept in the container's state.
 *
 * <p>Keys follow the OCI runtime spec's advice, reverse domain notation
 * ({@code com.example.audit}), limited here to what survives every file and shell:
 * letters, digits, {@code . _ - /}, starting and ending with a letter or digit, at most 253
 * characters. Keys under {@code dev.contedor.} are contedor's own (the image, the cgroup path)
 * and cannot be given. A repeated key takes the last value, as podman.
 */
public final class Annotations {
    /** The prefix of the annotations contedor writes itself. */
    public static final String RESERVED_PREFIX = "dev.contedor.";

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]{0,251}[A-Za-z0-9])?");

    private Annotations() {
    }

    /** The {@code KEY=VALUE} flags as a map, in their order, checked. */
    public static Map<String, String> parse(List<String> flags) {
        Map<String, String> annotations = new LinkedHashMap<>();
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            if (eq < 0) {
                throw ContedorException.runtime("--annotation " + flag + ": expected KEY=VALUE, e.g. --annotation com.example.audit=on");
            }
            annotations.put(flag.substring(0, eq), flag.substring(eq + 1));
        }
        return check(annotations);
    }

    /** The annotations, if every key is one a user may give; else an error naming the key and the rule. */
    public static Map<String, String> check(Map<String, String> annotations) {
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            String key = e.getKey();
            if (!KEY.matcher(key).matches()) {
                throw ContedorException.runtime("--annotation " + key + "=...: invalid key; use letters, digits, '.', '_', "
                        + "'-' and '/', starting and ending with a letter or digit, at most 253 characters "
                        + "(reverse domain notation, e.g. com.example.audit)");
            }
            if (key.startsWith(RESERVED_PREFIX)) {
                throw ContedorException.runtime("--annotation " + key + ": keys under " + RESERVED_PREFIX
                        + " are contedor's own; use your own domain, e.g. com.example." + key.substring(RESERVED_PREFIX.length()));
            }
            if (e.getValue().indexOf('\0') >= 0) {
                throw ContedorException.runtime("--annotation " + key + ": the value holds a NUL character");
            }
        }
        return annotations;
    }
}
