package dev.contedor.cgroups.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cgroup folder and the cgroups below it (e.g. made by systemd inside a container),
 * deepest first. Almost always there are none: the folder's link count says so (the kernel
 * keeps it at 2 + sub-folders), which spares a walk that would stat every control file.
 */
public final class SubCgroups {
    private SubCgroups() {
    }

    /** The folder and every cgroup below it, deepest first; empty when the folder is gone. */
    public static List<Path> deepestFirst(Path folder) {
        try {
            int links = ((Number) Files.getAttribute(folder, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
            if (links <= 2) {
                return List.of(folder);
            }
        } catch (NoSuchFileException gone) {
            return List.of();
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            // no link count to trust: walk
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .toList();
        } catch (NoSuchFileException gone) {
            return List.of();
        } catch (IOException | UncheckedIOException e) {
            // the tree changed while being read: the folder itself, last
            return List.of(folder);
        }
    }
}
