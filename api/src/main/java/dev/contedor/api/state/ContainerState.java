package dev.contedor.api.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container's state as the OCI runtime spec defines it ({@code id}, {@code status},
 * {@code pid}, {@code bundle}, {@code annotations}) plus contedor's own fields.
 *
 * @param pid       the init's host pid, 0 before it exists or after it ended
 * @param startTime the init's start time in clock ticks since boot ({@code /proc/PID/stat}
 *                  field 22), which tells a live init from a reused pid
 * @param stateDir  the container's state folder
 */
public record ContainerState(String ociVersion, String id, Status status, long pid, long startTime,
                             Path bundle, Path rootfs, List<String> command, Instant created,
                             Path stateDir, Map<String, String> annotations) {
    public static final String OCI_VERSION = "1.2.0";
    /** The annotation that records the container's cgroup path (relative to each hierarchy's root). */
    /** Annotation naming the id of the image the container runs, when it runs one. */
    public static final String IMAGE = "dev.contedor.image";
    public static final String CGROUP_PATH = "dev.contedor.cgroup.path";

    public ContainerState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        command = List.copyOf(command);
        annotations = Map.copyOf(annotations);
    }

    public ContainerState withStatus(Status newStatus, long newPid, long newStartTime) {
        return new ContainerState(ociVersion, id, newStatus, newPid, newStartTime, bundle, rootfs, command,
                created, stateDir, annotations);
    }
}
