package dev.contedor.rootfs.image.bootstrap;

import dev.contedor.host.MountInfo;

import dev.contedor.rootfs.posix.NativeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mounts left under a folder (debootstrap mounts {@code proc}, {@code sys} and, in some
 * hosts, binds {@code /dev} nodes into its target; a killed debootstrap leaves them), so
 * that they are detached before the folder is deleted or imported: a recursive delete must
 * never walk into a mounted host filesystem.
 */
final class MountPoints {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountPoints() {
    }

    /** Mount points at or below {@code dir}, deepest first. */
    static List<Path> under(Path dir) throws IOException {
        return under(dir, Files.readAllLines(MOUNTINFO));
    }

    static List<Path> under(Path dir, List<String> mountinfo) {
        Path base = dir.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (String point : MountInfo.mountPoints(mountinfo)) {
            Path p = Path.of(point);
            if (p.startsWith(base)) {
                found.add(p);
            }
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    /**
     * Detaches every mount under {@code dir} (umount2 with MNT_DETACH, deepest first) and
     * returns those still there afterwards.
     */
    static List<Path> detachAll(Path dir) throws IOException {
        List<Path> mounts = under(dir);
        if (mounts.isEmpty()) {
            return mounts;
        }
        for (Path mount : mounts) {
            try {
                NativeFiles.detachMount(mount);
            } catch (NativeFiles.NativeCallException e) {
                // what stays mounted is reported below
            }
        }
        return under(dir);
    }
}
