package dev.contedor.api.rootfs;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An overlayfs root: read-only layers below, the container's own writable layer above.
 * Mounted by the container's init inside its own mount namespace, so the host never sees it.
 *
 * @param lowerDirs the read-only layers, top first (overlayfs {@code lowerdir} order)
 * @param upperDir  the container's writable layer
 * @param workDir   overlayfs's scratch folder, on the same filesystem as {@code upperDir}
 */
public record Overlay(List<Path> lowerDirs, Path upperDir, Path workDir) {
    /** The kernel takes mount options up to one page; longer ones are refused with E2BIG. */
    public static final int MAX_OPTIONS_LENGTH = 4095;

    public Overlay {
        lowerDirs = List.copyOf(lowerDirs);
        if (lowerDirs.isEmpty()) {
            throw new IllegalArgumentException("an overlay needs at least one lower layer");
        }
        for (Path p : lowerDirs) {
            check(p);
        }
        check(upperDir);
        check(workDir);
    }

    /** overlayfs's option characters: a path with one of these would be split or misread. */
    private static void check(Path path) {
        String s = path.toString();
        if (!path.isAbsolute() || s.contains(",") || s.contains(":") || s.contains("\\")) {
            throw new IllegalArgumentException("overlay layer path must be absolute and free of ',' ':' '\\': " + s);
        }
    }

    /** The data argument of mount(2). */
    public String mountOptions() {
        return "lowerdir=" + lowerDirs.stream().map(Path::toString).collect(Collectors.joining(":"))
                + ",upperdir=" + upperDir + ",workdir=" + workDir;
    }
}
