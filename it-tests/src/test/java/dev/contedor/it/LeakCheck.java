package dev.contedor.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a test must leave as it found it: host mounts, cgroup folders, child processes, state folders, container layers. */
final class LeakCheck {
    private final List<String> mountsBefore;
    private final List<String> cgroupsBefore;

    private LeakCheck(List<String> mountsBefore, List<String> cgroupsBefore) {
        this.mountsBefore = mountsBefore;
        this.cgroupsBefore = cgroupsBefore;
    }

    static LeakCheck begin() {
        return new LeakCheck(hostMounts(), contedorCgroups());
    }

    void assertNothingLeft(Contedor contedor) throws IOException {
        assertEquals(mountsBefore, hostMounts(), "host mounts changed");
        assertEquals(cgroupsBefore, contedorCgroups(), "cgroup folders left behind");
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                "processes left behind");
        if (Files.isDirectory(contedor.stateRoot())) {
            try (Stream<Path> s = Files.list(contedor.stateRoot())) {
                assertTrue(s.findAny().isEmpty(), "container state left in " + contedor.stateRoot());
            }
        }
        Path layers = contedor.dataRoot().resolve("containers");
        if (Files.isDirectory(layers)) {
            // .mountpoint is the empty folder every container mounts its overlay on, in its own namespace
            try (Stream<Path> s = Files.list(layers)) {
                assertEquals(List.of(), s.filter(p -> !p.getFileName().toString().equals(".mountpoint")).toList(),
                        "container layers left in " + layers);
            }
            Path mountPoint = layers.resolve(".mountpoint");
            if (Files.isDirectory(mountPoint)) {
                try (Stream<Path> s = Files.list(mountPoint)) {
                    assertEquals(List.of(), s.toList(), "the shared overlay mount point must stay empty");
                }
            }
        }
    }

    /** contedor's cgroup folders in every hierarchy: /sys/fs/cgroup/HIERARCHY/PARENT[/ID], parents named contedor*. */
    static List<String> contedorCgroups() {
        try (Stream<Path> walk = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
            return walk.filter(Files::isDirectory).map(Path::toString)
                    .filter(p -> p.matches("/sys/fs/cgroup/[^/]+/contedor[^/]*(/.*)?")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Mount points of the host, without their ids (which change with any remount elsewhere). */
    static List<String> hostMounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(l -> l.split(" ")[4]).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
