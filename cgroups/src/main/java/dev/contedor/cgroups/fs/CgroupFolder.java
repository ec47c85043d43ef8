package dev.contedor.cgroups.fs;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One cgroup folder. A write is one {@code write(2)} of the whole value (O_TRUNC, as runc) to a file that must
 * exist (cgroupfs creates none); a failure becomes a {@link ContedorException} that names the
 * file, the value and the kernel's error.
 */
public final class CgroupFolder implements CgroupDirectory {
    public static final String PROCS = "cgroup.procs";

    private final CgroupVersion version;
    private final Path path;

    public CgroupFolder(CgroupVersion version, Path path) {
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
        Path target = path.resolve(file);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw ContedorException.runtime("cgroup " + target + " = " + value + ": " + KernelErrors.describe(e), e);
        }
    }

    @Override
    public Optional<String> read(String file) {
        Path target = path.resolve(file);
        try {
            String content = Files.readString(target);
            return Optional.of(content.endsWith("\n") ? content.substring(0, content.length() - 1) : content);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw ContedorException.runtime("cgroup " + target + ": cannot read: " + KernelErrors.describe(e), e);
        }
    }

    /** Whether the folder is there. */
    public boolean exists() {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether a control file exists (some, like {@code cgroup.kill}, can be written but not read). */
    public boolean has(String file) {
        return Files.exists(path.resolve(file), LinkOption.NOFOLLOW_LINKS);
    }

    /** The processes in this folder itself ({@code cgroup.procs}), not in its sub-folders. */
    public Set<Long> processes() {
        Set<Long> pids = new LinkedHashSet<>();
        read(PROCS).ifPresent(content -> content.lines().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(l -> pids.add(Long.parseLong(l))));
        return pids;
    }

    /** The same hierarchy's folder below this one. */
    public CgroupFolder child(String name) {
        return new CgroupFolder(version, path.resolve(name));
    }

    @Override
    public String toString() {
        return path.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CgroupFolder f && f.version == version && f.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }
}
