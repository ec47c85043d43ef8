package dev.contedor.host;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One line on stderr for something the host cannot do although the container can run (a limit, overlayfs),
 * printed once per process (a command starts one JVM).
 */
public final class HostWarnings {
    private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();

    private HostWarnings() {
    }

    /** Prints {@code contedor: warning: MESSAGE} unless it was printed already. */
    public static void once(String message) {
        if (PRINTED.add(message)) {
            System.err.println("contedor: warning: " + message);
        }
    }

    /** Forgets what was printed (tests). */
    public static void clear() {
        PRINTED.clear();
    }
}
