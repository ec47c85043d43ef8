package dev.contedor.runtime.spec;

import dev.contedor.api.cgroup.DeviceMapping;
import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * docker's {@code --device HOST[:CONTAINER[:rwm]]}: the host node is read (following links, as
 * docker does) for its type, numbers, mode and owner; the container path defaults to the host
 * path and the access to {@code rwm}. {@code HOST:rwm} gives the access alone, as in docker.
 */
final class DeviceFlag {
    private static final String FLAG = "--device";
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private DeviceFlag() {
    }

    static List<DeviceMapping> parseAll(List<String> values) {
        List<DeviceMapping> out = new ArrayList<>();
        for (String value : values) {
            DeviceMapping mapping = parse(value);
            if (out.stream().anyMatch(m -> m.containerPath().equals(mapping.containerPath()))) {
                throw bad(value, mapping.containerPath() + " is given twice; give each container path once");
            }
            out.add(mapping);
        }
        return out;
    }

    static DeviceMapping parse(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw bad(value, "give HOST[:CONTAINER[:rwm]], e.g. /dev/ttyS1 or /dev/sdb:/dev/xvdb:r");
        }
        String host = parts[0];
        String container = host;
        String access = "rwm";
        if (parts.length == 2 && isAccess(parts[1])) {
            access = parts[1];
        } else if (parts.length >= 2) {
            container = parts[1];
            if (parts.length == 3) {
                access = parts[2];
            }
        }
        if (!host.startsWith("/") || !container.startsWith("/")) {
            throw bad(value, "the host and container paths must be absolute, e.g. /dev/ttyS1");
        }
        if (!isAccess(access)) {
            throw bad(value, "the access '" + access + "' is not a combination of r, w and m (read, write, mknod)");
        }
        Path node = Path.of(host);
        try {
            int mode = (Integer) Files.getAttribute(node, "unix:mode");
            char type = switch (mode & S_IFMT) {
                case S_IFCHR -> 'c';
                case S_IFBLK -> 'b';
                default -> throw bad(value, host + " is not a character or block device"
                        + (Files.isDirectory(node) ? " (a folder: give each device in it)" : ""));
            };
            long rdev = ((Number) Files.getAttribute(node, "unix:rdev")).longValue();
            if (Path.of(container).normalize().toString().equals("/dev") || !Path.of(container).normalize().startsWith("/dev")) {
                // the root file system is nodev: a node elsewhere could not be opened
                throw bad(value, "the container path must be below /dev, where contedor makes device nodes");
            }
            int uid = (Integer) Files.getAttribute(node, "unix:uid");
            int gid = (Integer) Files.getAttribute(node, "unix:gid");
            return new DeviceMapping(host, Path.of(container).normalize().toString(), type, DeviceNumbers.major(rdev),
                    DeviceNumbers.minor(rdev), canonical(access), mode & 07777, uid, gid);
        } catch (NoSuchFileException e) {
            throw bad(value, host + " does not exist on this host");
        } catch (IOException e) {
            throw bad(value, host + ": " + e.getMessage());
        }
    }

    private static boolean isAccess(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'm')
                && text.chars().distinct().count() == text.length();
    }

    /** In {@code rwm} order, as the cgroup rule is written. */
    private static String canonical(String access) {
        StringBuilder sb = new StringBuilder();
        for (char c : "rwm".toCharArray()) {
            if (access.indexOf(c) >= 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static ContedorException bad(String value, String why) {
        return ContedorException.runtime(FLAG + " " + value + ": " + why);
    }
}
