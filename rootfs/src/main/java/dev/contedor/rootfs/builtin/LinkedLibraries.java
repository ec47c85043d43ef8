package dev.contedor.rootfs.builtin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shared libraries a host program loads, and its dynamic loader, as ldd reports them
 * (ldd resolves the whole dependency closure, so no recursion is needed here).
 */
final class LinkedLibraries {
    private LinkedLibraries() {
    }

    /**
     * @return absolute library paths as the host names them, empty for a static binary or a script
     * @throws IOException if a library cannot be found, naming it
     */
    static Set<Path> of(Path program) throws IOException {
        HostCommand.Result result = HostCommand.run("ldd", program.toString());
        if (result.exitCode() != 0) {
            // "not a dynamic executable": static binaries and scripts need nothing.
            if (result.output().contains("not a dynamic executable") || result.output().contains("statically linked")) {
                return Set.of();
            }
            throw new IOException("ldd " + program + " failed: " + result.output().strip());
        }
        return parse(program, result.lines());
    }

    /**
     * Lines look like {@code libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)},
     * {@code /lib64/ld-linux-x86-64.so.2 (0x...)} (the loader) or
     * {@code linux-vdso.so.1 (0x...)} (in the kernel, nothing to copy).
     */
    static Set<Path> parse(Path program, List<String> lines) throws IOException {
        Set<Path> libraries = new LinkedHashSet<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.contains("statically linked")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            String path = arrow >= 0 ? line.substring(arrow + 2).strip() : line;
            if (path.startsWith("not found")) {
                throw new IOException(program + " needs " + line.substring(0, Math.max(arrow, 0)).strip()
                        + ", which the host does not have");
            }
            int paren = path.indexOf(" (");
            if (paren >= 0) {
                path = path.substring(0, paren);
            }
            if (path.startsWith("/")) {
                libraries.add(Path.of(path));
            }
        }
        return libraries;
    }
}
