package dev.contedor.api.cgroup;

import java.util.Objects;

/**
 * A host device given to the container ({@code --device HOST[:CONTAINER[:rwm]]}, docker's
 * {@code DeviceMapping}): the node made at {@code containerPath} in the container's
 * {@code /dev} with the host node's numbers, mode and owner, and the cgroup rule that lets the
 * container use it with {@code access}.
 *
 * @param hostPath      the host's node, as given
 * @param containerPath absolute path in the container
 * @param type          {@code 'c'} (character) or {@code 'b'} (block)
 * @param access        a non-empty subset of {@code rwm}: read, write, mknod
 * @param mode          the host node's permission bits
 */
public record DeviceMapping(String hostPath, String containerPath, char type, int major, int minor, String access,
                            int mode, int uid, int gid) {
    public DeviceMapping {
        Objects.requireNonNull(hostPath, "hostPath");
        Objects.requireNonNull(containerPath, "containerPath");
        if (type != 'c' && type != 'b') {
            throw new IllegalArgumentException("device type must be c or b: " + type);
        }
        if (access.isEmpty() || !access.matches("r?w?m?")) {
            throw new IllegalArgumentException("device access must be a subset of rwm in that order: " + access);
        }
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("device numbers must not be negative");
        }
    }

    /** The cgroup v1 {@code devices.allow} rule, e.g. {@code c 4:64 rwm}; the v2 program allows the same. */
    public String allowRule() {
        return type + " " + major + ":" + minor + " " + access;
    }
}
