package dev.contedor.cgroups.fake;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.error.ContedorException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cgroup folder in memory that records every write in order. Like cgroupfs it refuses a
 * write to a file it does not have.
 */
public final class RecordingDirectory implements CgroupDirectory {
    private final CgroupVersion version;
    private final Path path;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<String> writes = new ArrayList<>();

    public RecordingDirectory(CgroupVersion version, String... existingFiles) {
        this(version, Path.of("/fake"), existingFiles);
    }

    /** At a given path (a real folder, for what opens it). */
    public RecordingDirectory(CgroupVersion version, Path path, String... existingFiles) {
        this.version = version;
        this.path = path;
        for (String file : existingFiles) {
            files.put(file, "");
        }
    }

    /** A file with content. */
    public RecordingDirectory with(String file, String content) {
        files.put(file, content);
        return this;
    }

    /** Every write, {@code FILE = VALUE}, in order. */
    public List<String> writes() {
        return writes;
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
        if (!files.containsKey(file)) {
            throw ContedorException.runtime("cgroup /fake/" + file + " = " + value + ": No such file or directory");
        }
        files.put(file, value);
        writes.add(file + " = " + value);
    }

    @Override
    public Optional<String> read(String file) {
        return Optional.ofNullable(files.get(file));
    }
}
