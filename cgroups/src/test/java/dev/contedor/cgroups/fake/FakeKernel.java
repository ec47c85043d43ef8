package dev.contedor.cgroups.fake;

import dev.contedor.cgroups.fs.DirectoryOps;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Plays the kernel's part on a fake cgroupfs tree of plain files: mkdir gives the new folder
 * its parent's control files (with the values a new cgroup starts with), rmdir removes them
 * with the folder, refuses (EBUSY) while processes or sub-cgroups are in it.
 */
public final class FakeKernel implements DirectoryOps {
    /** Files a new cgroup does not inherit from its parent but starts with this content. */
    private static final Map<String, String> FRESH = Map.of(
            "cgroup.procs", "",
            "cgroup.subtree_control", "",
            "cgroup.events", "populated 0\nfrozen 0\n",
            "cgroup.freeze", "0\n",
            "cpuset.cpus", "",
            "cpuset.mems", "",
            "freezer.state", "THAWED\n");

    @Override
    public void mkdir(Path folder) throws IOException {
        Files.createDirectory(folder);
        try (Stream<Path> parentFiles = Files.list(folder.getParent())) {
            for (Path file : parentFiles.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                Files.writeString(folder.resolve(name), FRESH.getOrDefault(name, Files.readString(file)));
            }
        }
    }

    @Override
    public void rmdir(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new java.nio.file.NoSuchFileException(folder.toString());
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.toList();
        }
        if (entries.stream().anyMatch(Files::isDirectory)) {
            throw new FileSystemException(folder.toString(), null, "Device or resource busy");
        }
        Path procs = folder.resolve("cgroup.procs");
        if (Files.exists(procs) && !Files.readString(procs).isBlank()) {
            throw new FileSystemException(folder.toString(), null, "Device or resource busy");
        }
        for (Path file : entries) {
            Files.delete(file);
        }
        try {
            Files.delete(folder);
        } catch (DirectoryNotEmptyException e) {
            throw new FileSystemException(folder.toString(), null, "Device or resource busy");
        }
    }
}
