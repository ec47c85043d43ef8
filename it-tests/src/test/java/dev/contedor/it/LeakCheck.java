package dev.contedor.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a test must leave as it found it: host mounts, child processes, state folders, container layers. */
final class LeakCheck {
    private final List<String> mountsBefore;

    private LeakCheck(List<String> mountsBefore) {
        this.mountsBefore = mountsBefore;
    }

    static LeakCheck begin() {
        return new LeakCheck(hostMounts());
    }

    void assertNothingLeft(Contedor contedor) throws IOException {
        assertEquals(mountsBefore, hostMounts(), "host mounts changed");
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
