package dev.contedor.runtime.state;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import dev.contedor.api.state.ContainerState;
import dev.contedor.api.state.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateStoreTest {
    @TempDir
    Path tmp;
    RuntimePaths paths;
    StateStore store;

    @BeforeEach
    void setUp() {
        paths = new RuntimePaths(tmp.resolve("run/contedor"), tmp.resolve("lib"), tmp.resolve("plugins"));
        store = new StateStore(paths);
    }

    private ContainerState state(String id, Status status, long pid) {
        return new ContainerState(ContainerState.OCI_VERSION, id, status, pid, 99, null, Path.of("/rootfs"),
                List.of("sh"), Instant.EPOCH, paths.containerDir(id), Map.of());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createMakesAPrivateFolderUnderTheStateRoot() throws IOException {
        Path dir = store.create("c1");
        assertEquals(paths.containerDir("c1"), dir);
        assertTrue(Files.isDirectory(dir));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void creatingATakenIdFails() {
        store.create("c1");
        ContedorException e = assertThrows(ContedorException.class, () -> store.create("c1"));
        assertTrue(e.getMessage().contains("c1"), e.getMessage());
        assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
        assertDoesNotThrow(() -> store.create("c2"));
    }

    @Test
    void saveWritesTheStateJsonAndLeavesNoTemporaryFile() throws IOException {
        Path dir = store.create("c1");
        ContainerState s = state("c1", Status.CREATED, 0);
        store.save(s);
        Path json = dir.resolve("state.json");
        assertEquals(StateJson.write(s), Files.readString(json));
        assertEquals("created", JsonReader.object(Files.readString(json)).get("status"));
        assertFalse(names(dir).stream().anyMatch(n -> n.endsWith(".tmp")), () -> "left behind: " + dir);
    }

    @Test
    void saveReplacesThePreviousState() throws IOException {
        Path dir = store.create("c1");
        store.save(state("c1", Status.CREATED, 0));
        store.save(state("c1", Status.RUNNING, 321));
        Map<String, Object> json = JsonReader.object(Files.readString(dir.resolve("state.json")));
        assertEquals("running", json.get("status"));
        assertEquals(321L, json.get("pid"));
        assertFalse(names(dir).stream().anyMatch(n -> n.endsWith(".tmp")), () -> "left behind: " + dir);
    }

    @Test
    void savingAContainerThatWasNotCreatedFails() {
        ContedorException e = assertThrows(ContedorException.class, () -> store.save(state("ghost", Status.CREATED, 0)));
        assertTrue(e.getMessage().contains("ghost"), e.getMessage());
    }

    @Test
    void deleteRemovesTheFolderAndIsIdempotent() throws IOException {
        Path dir = store.create("c1");
        store.save(state("c1", Status.STOPPED, 0));
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("sub/deeper/file"), "x");
        store.delete("c1");
        assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS));
        assertDoesNotThrow(() -> store.delete("c1"));
        assertDoesNotThrow(() -> store.delete("never-created"));
        // the id can be used again
        assertEquals(dir, store.create("c1"));
    }

    @Test
    void deleteDoesNotFollowSymlinksOutOfTheStateFolder() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(outside.resolve("keep"), "data");
        Path dir = store.create("c1");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        store.delete("c1");
        assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS));
        assertEquals("data", Files.readString(outside.resolve("keep")));
    }

    @Test
    void otherContainersAreLeftAlone() throws IOException {
        store.create("c1");
        Path other = store.create("c2");
        store.save(state("c2", Status.RUNNING, 5));
        store.delete("c1");
        assertTrue(Files.isRegularFile(other.resolve("state.json")));
    }
}
