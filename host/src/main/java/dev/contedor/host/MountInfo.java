package dev.contedor.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The lines of {@code /proc/PID/mountinfo} (proc(5)): cgroup layouts, mounts left below a folder. */
public final class MountInfo {
    private MountInfo() {
    }

    /**
     * One mount.
     *
     * @param root         the path inside the file system that is mounted ({@code /} for a whole cgroup hierarchy)
     * @param mountPoint   where it is mounted, octal escapes decoded
     * @param fsType       {@code cgroup}, {@code cgroup2}, {@code tmpfs}, ...
     * @param superOptions the file system's own options (v1 cgroup: its controllers, among flags)
     */
    public record Mount(String root, String mountPoint, String fsType, Set<String> superOptions) {
    }

    /**
     * The visible mounts, in order: a mount hidden by a later one on the same mount point
     * is left out.
     */
    public static List<Mount> parse(List<String> lines) {
        Map<String, Mount> byMountPoint = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Mount mount = parseLine(line);
            byMountPoint.remove(mount.mountPoint());
            byMountPoint.put(mount.mountPoint(), mount);
        }
        return new ArrayList<>(byMountPoint.values());
    }

    /** Every mount point, stacked ones included, in the kernel's order (for detaching all below a folder). */
    public static List<String> mountPoints(List<String> lines) {
        List<String> points = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                points.add(parseLine(line).mountPoint());
            }
        }
        return points;
    }

    /** One line of mountinfo. */
    public static Mount parseLine(String line) {
        String[] fields = line.trim().split(" ");
        int separator = Arrays.asList(fields).indexOf("-");
        if (separator < 6 || fields.length < separator + 3) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        String fsType = fields[separator + 1];
        Set<String> superOptions = fields.length > separator + 3
                ? Set.of(fields[separator + 3].split(",")) : Set.of();
        return new Mount(unescape(fields[3]), unescape(fields[4]), fsType, superOptions);
    }

    /** The kernel writes space, tab, newline and backslash in paths as {@code \040}, {@code \011}, ... */
    public static String unescape(String field) {
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
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
