package dev.contedor.api.cgroup;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One cgroup folder of a container, in the hierarchy that holds a given controller: what a
 * {@link CgroupController} reads and writes. Writes say which file failed and why.
 */
public interface CgroupDirectory {

    /** The hierarchy's interface: the same controller maps to different files on v1 and v2. */
    CgroupVersion version();

    /** The folder, e.g. {@code /sys/fs/cgroup/memory/contedor/ID} or {@code /sys/fs/cgroup/contedor/ID}. */
    Path path();

    /** Writes a control file, e.g. {@code write("memory.max", "67108864")}. */
    void write(String file, String value);

    /** The content of a control file without its trailing newline, empty when the file does not exist. */
    Optional<String> read(String file);
}
