package dev.contedor.cgroups.fs;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A container's cgroup directory before it exists, for {@code run --explain}: a write is
 * described, not made; a read (a controller looking for a file such as
 * {@code memory.memsw.limit_in_bytes}) answers from the nearest existing ancestor of the same
 * hierarchy, which has the same files, so the controller chooses as it will for real.
 */
public final class DescribedDirectory implements CgroupDirectory {
    private final CgroupDirectory real;
    private final List<String> lines;

    /** @param lines where each write is described */
    public DescribedDirectory(CgroupDirectory real, List<String> lines) {
        this.real = real;
        this.lines = lines;
    }

    @Override
    public CgroupVersion version() {
        return real.version();
    }

    @Override
    public Path path() {
        return real.path();
    }

    @Override
    public void write(String file, String value) {
        lines.add("write " + file + " = " + value + " in " + folderOf(file));
    }

    /** A step that is not a file write (an eBPF program attached to the folder, say), described. */
    public void describe(String step) {
        lines.add(step);
    }

    @Override
    public Optional<String> read(String file) {
        Path folder = folderOf(file);
        while (folder != null && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            folder = folder.getParent();
        }
        return folder == null ? Optional.empty() : new CgroupFolder(real.version(), folder).read(file);
    }

    private Path folderOf(String file) {
        return real instanceof ControllerDirectory c ? c.folderOf(file).path() : real.path();
    }
}
