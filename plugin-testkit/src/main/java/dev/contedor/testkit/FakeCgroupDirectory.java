package dev.contedor.testkit;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A container's cgroup folder in memory, for testing a {@link dev.contedor.api.cgroup.CgroupController}:
 * what it writes is kept ({@link #files()}), what it reads can be given ({@link #put}).
 */
public final class FakeCgroupDirectory implements CgroupDirectory {
    private final CgroupVersion version;
    private final Path path;
    private final Map<String, String> files = new LinkedHashMap<>();

    /** A folder of a hierarchy of that version, at a made-up path. */
    public FakeCgroupDirectory(CgroupVersion version) {
        this(version, Path.of("/sys/fs/cgroup/fake/contedor/test"));
    }

    /** A folder of a hierarchy of that version, at that path (nothing is touched there). */
    public FakeCgroupDirectory(CgroupVersion version, Path path) {
        this.version = version;
        this.path = path;
    }

    @Override
    public CgroupVersion version() {
        return version;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void write(String file, String value) {
        files.put(file, value);
    }

    @Override
    public Optional<String> read(String file) {
        return Optional.ofNullable(files.get(file));
    }

    /** Gives a control file a content, as the kernel would show it. */
    public FakeCgroupDirectory put(String file, String value) {
        files.put(file, value);
        return this;
    }

    /** Every file written or put, by name. */
    public Map<String, String> files() {
        return Map.copyOf(files);
    }
}
