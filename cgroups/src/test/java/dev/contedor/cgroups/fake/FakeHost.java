package dev.contedor.cgroups.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fake host under a temporary folder: {@code proc/self/mountinfo}, {@code proc/self/cgroup}
 * and the hierarchies' root folders with control files, at the mount points the mountinfo
 * names.
 */
public final class FakeHost {
    private final Path root;
    private final List<Path> deviceProgramsAttached = new java.util.ArrayList<>();

    public FakeHost(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path mountInfo() {
        return root.resolve("proc/self/mountinfo");
    }

    public Path processCgroups() {
        return root.resolve("proc/self/cgroup");
    }

    /** A path of the fake host: {@code at("/sys/fs/cgroup/memory")}. */
    public Path at(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    public FakeHost proc(List<String> mountInfoLines, List<String> cgroupLines) {
        write(mountInfo(), String.join("\n", mountInfoLines) + "\n");
        write(processCgroups(), String.join("\n", cgroupLines) + "\n");
        return this;
    }

    /** A control file in a folder of the fake host, made with its folders. */
    public FakeHost file(String absolute, String content) {
        write(at(absolute), content);
        return this;
    }

    public String read(String absolute) {
        try {
            return Files.readString(at(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the fake kernel "attached" an eBPF device program, in order. */
    public List<Path> deviceProgramsAttached() {
        return deviceProgramsAttached;
    }

    /** The fake kernel's bpf(2): a program attached to a folder of the tree. */
    public void attachDeviceProgram(byte[] program, Path cgroup) {
        if (program.length == 0 || !Files.isDirectory(cgroup)) {
            throw new IllegalArgumentException("no program or no folder " + cgroup);
        }
        deviceProgramsAttached.add(cgroup);
    }
}
