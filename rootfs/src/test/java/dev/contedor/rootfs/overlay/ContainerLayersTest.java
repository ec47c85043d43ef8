package dev.contedor.rootfs.overlay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerLayersTest {
    private static final String IMAGE = "ab".repeat(32);

    @TempDir
    Path data;

    @Test
    void aLayerHasItsFoldersAndIsInUseUntilRemoved() throws IOException {
        ContainerLayers layers = new ContainerLayers(data);
        ContainerLayers.ContainerLayer layer = layers.create("c1", Optional.of(IMAGE));
        assertTrue(Files.isDirectory(layer.upper()) && Files.isDirectory(layer.work()) && Files.isDirectory(layer.mountPoint()));
        assertEquals(data.resolve("containers/c1/upper"), layer.upper());
        // one mount point for all: each container mounts on it in its own mount namespace
        assertEquals(layer.mountPoint(), layers.create("c2", Optional.empty()).mountPoint());
        layers.remove("c2");
        assertEquals(Set.of(IMAGE), layers.imagesInUse());
        // another instance (another command in this process) sees the same fact
        assertEquals(Set.of(IMAGE), new ContainerLayers(data).imagesInUse());
        assertEquals(0, layers.removeStale());

        Files.writeString(layer.upper().resolve("written-by-the-container"), "x");
        layers.remove("c1");
        assertFalse(Files.exists(data.resolve("containers/c1")));
        assertEquals(Set.of(), layers.imagesInUse());
        layers.remove("c1"); // twice is fine
    }

    @Test
    void aSecondLayerForTheSameContainerIsRefused() throws IOException {
        ContainerLayers layers = new ContainerLayers(data);
        layers.create("c1", Optional.empty());
        assertThrows(IOException.class, () -> layers.create("c1", Optional.empty()));
        layers.remove("c1");
    }

    @Test
    void rootsThatAreNotImagesAreNotCountedAsImages() throws IOException {
        ContainerLayers layers = new ContainerLayers(data);
        layers.create("c1", Optional.empty());
        assertEquals(Set.of(), layers.imagesInUse());
        layers.remove("c1");
    }

    /** A layer whose creator died: its lock is free, so it is stale; one held by a live process is not. */
    @Test
    void onlyLayersOfDeadProcessesAreStale() throws Exception {
        Path dead = data.resolve("containers/dead");
        Files.createDirectories(dead.resolve("upper"));
        Files.writeString(dead.resolve("lock"), IMAGE);
        Path alive = data.resolve("containers/alive");
        Files.createDirectories(alive.resolve("upper"));
        Files.writeString(alive.resolve("lock"), "cd".repeat(32));
        Path young = data.resolve("containers/young");
        Files.createDirectories(young); // being created right now by another process: no lock file yet
        for (Path p : List.of(dead, alive)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        }
        // another process holds "alive"'s lock, as a running `contedor run` does (an fcntl lock,
        // which is what the JDK takes: flock(1) would not conflict with it)
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                alive.resolve("lock").toString()).start();
        try {
            assertEquals("locked", new String(holder.getInputStream().readNBytes(6)));
            ContainerLayers layers = new ContainerLayers(data);
            assertEquals(Set.of("cd".repeat(32)), layers.imagesInUse());
            assertEquals(1, layers.removeStale());
            assertFalse(Files.exists(dead));
            assertTrue(Files.exists(alive));
            assertTrue(Files.exists(young));
        } finally {
            holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        assertEquals(Set.of(), new ContainerLayers(data).imagesInUse());
        assertEquals(1, new ContainerLayers(data).removeStale());
        assertEquals(List.of(young), Files.list(data.resolve("containers")).toList());
    }

    /** Holds an fcntl lock on a file until killed; says "locked" once it has it. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(Path.of(args[0]),
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.lock();
                System.out.print("locked");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
