package dev.contedor.cgroups.layout;

import dev.contedor.host.MountInfo;

import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the host's cgroup layout from the kernel's own words: the cgroup and cgroup2 mounts
 * of {@code /proc/self/mountinfo}, the hierarchies of {@code /proc/self/cgroup} (which say
 * which v1 mount options are controllers) and the unified mount's {@code cgroup.controllers}.
 * The paths are parameters so that tests can feed a fake tree.
 */
public final class LayoutDetector {
    private final Path mountInfo;
    private final Path processCgroups;
    private final Path fileSystemRoot;

    /** The running process's view of the real host. */
    public LayoutDetector() {
        this(Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"), Path.of("/"));
    }

    /**
     * @param mountInfo      a mountinfo file
     * @param processCgroups a {@code /proc/PID/cgroup} file
     * @param fileSystemRoot what the mount points are resolved against ({@code /}, or a fake tree's folder)
     */
    public LayoutDetector(Path mountInfo, Path processCgroups, Path fileSystemRoot) {
        this.mountInfo = mountInfo;
        this.processCgroups = processCgroups;
        this.fileSystemRoot = fileSystemRoot;
    }

    public CgroupLayout detect() {
        List<MountInfo.Mount> mounts = MountInfo.parse(readLines(mountInfo));
        List<ProcessCgroups.Entry> entries = ProcessCgroups.parse(readLines(processCgroups));

        List<Hierarchy> v1 = new ArrayList<>();
        for (MountInfo.Mount mount : mounts) {
            if (!mount.fsType().equals("cgroup")) {
                continue;
            }
            // the hierarchy whose controllers (or name=) are all among the mount's options;
            // a mount the process has no hierarchy for is not one it can use
            Optional<ProcessCgroups.Entry> entry = entries.stream()
                    .filter(e -> e.id() > 0 && !e.controllers().isEmpty())
                    .filter(e -> mount.superOptions().containsAll(e.controllers()))
                    .findFirst();
            if (entry.isEmpty()) {
                continue;
            }
            Hierarchy found = new Hierarchy(entry.get().id(), CgroupVersion.V1, resolve(mount.mountPoint()),
                    mount.root(), entry.get().realControllers(), entry.get().name());
            // the same hierarchy mounted twice: keep the mount that shows its root
            Optional<Hierarchy> same = v1.stream().filter(h -> h.id() == found.id()).findFirst();
            if (same.isEmpty()) {
                v1.add(found);
            } else if (!same.get().root().equals("/") && found.root().equals("/")) {
                v1.set(v1.indexOf(same.get()), found);
            }
        }
        v1.sort(Comparator.comparingInt(Hierarchy::id));

        Optional<Hierarchy> unified = mounts.stream()
                .filter(m -> m.fsType().equals("cgroup2"))
                .min(Comparator.comparing(m -> m.root().equals("/") ? 0 : 1))
                .map(m -> {
                    Path at = resolve(m.mountPoint());
                    Set<String> controllers = unifiedControllers(at.resolve("cgroup.controllers"));
                    return new Hierarchy(0, CgroupVersion.V2, at, m.root(), controllers, Optional.empty());
                });

        boolean v1HasControllers = v1.stream().anyMatch(h -> !h.controllers().isEmpty());
        LayoutKind kind;
        if (v1HasControllers && unified.isPresent()) {
            kind = LayoutKind.HYBRID;
        } else if (v1HasControllers) {
            kind = LayoutKind.V1;
        } else if (unified.isPresent()) {
            kind = LayoutKind.V2;
        } else {
            throw ContedorException.runtime("no cgroup file system is mounted (" + mountInfo
                    + " has no cgroup or cgroup2 mount that " + processCgroups + " knows): containers need cgroups;"
                    + " mount cgroup2 on /sys/fs/cgroup");
        }
        return new CgroupLayout(kind, v1, unified);
    }

    private Path resolve(String mountPoint) {
        return fileSystemRoot.resolve(mountPoint.startsWith("/") ? mountPoint.substring(1) : mountPoint);
    }

    private static Set<String> unifiedControllers(Path file) {
        try {
            String content = Files.readString(file).strip();
            return content.isEmpty() ? Set.of() : Set.of(content.split("\\s+"));
        } catch (IOException e) {
            throw ContedorException.runtime("cannot read " + file + " to learn the cgroup v2 controllers: " + e, e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw ContedorException.runtime("cannot read " + file + " to find the cgroup layout: " + e, e);
        }
    }
}
