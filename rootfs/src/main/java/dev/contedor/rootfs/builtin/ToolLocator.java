package dev.contedor.rootfs.builtin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds host programs by name on PATH and in the standard binary folders. */
final class ToolLocator {
    private static final List<String> STANDARD_DIRECTORIES =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private final List<Path> directories;

    ToolLocator(String pathVariable) {
        // The standard folders are added because a service's PATH often lacks the sbin ones.
        Set<String> dirs = new LinkedHashSet<>();
        if (pathVariable != null) {
            for (String d : pathVariable.split(":")) {
                if (d.startsWith("/")) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(STANDARD_DIRECTORIES);
        List<Path> paths = new ArrayList<>();
        for (String d : dirs) {
            paths.add(Path.of(d));
        }
        this.directories = List.copyOf(paths);
    }

    static ToolLocator fromEnvironment() {
        return new ToolLocator(System.getenv("PATH"));
    }

    /** An absolute name is taken as is; a bare name is searched for. */
    Optional<Path> find(String tool) {
        if (tool.contains("/")) {
            Path p = Path.of(tool);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir : directories) {
            Path candidate = dir.resolve(tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
