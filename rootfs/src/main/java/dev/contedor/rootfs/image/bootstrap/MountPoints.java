package dev.contedor.rootfs.image.bootstrap;

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
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            if (fields.length < 5) {
                continue;
            }
            Path point = Path.of(unescape(fields[4]));
            if (point.startsWith(base)) {
                found.add(point);
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

    /** mountinfo writes space, tab, newline and backslash in paths as {@code \ooo}. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
