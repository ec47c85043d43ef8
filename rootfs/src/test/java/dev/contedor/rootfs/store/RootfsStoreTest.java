package dev.contedor.rootfs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsStoreTest {
    @TempDir
    Path dataRoot;

    private Set<String> storeListing() throws IOException {
        try (Stream<Path> s = Files.list(dataRoot.resolve("rootfs"))) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void buildsOnceThenReuses() throws IOException {
        RootfsStore store = new RootfsStore(dataRoot);
        AtomicInteger builds = new AtomicInteger();
        RootfsStore.TreeBuilder builder = dir -> {
            builds.incrementAndGet();
            Files.writeString(dir.resolve("file"), "x");
        };
        Path first = store.obtain("thing", builder);
        Path second = store.obtain("thing", builder);
        assertEquals(dataRoot.resolve("rootfs/thing"), first);
        assertEquals(first, second);
        assertEquals(1, builds.get());
        assertEquals("x", Files.readString(first.resolve("file")));
        assertEquals(0755, (Integer) Files.getAttribute(first, "unix:mode") & 07777);
    }

    @Test
    void aFailedBuildLeavesNothingBehind() throws IOException {
        RootfsStore store = new RootfsStore(dataRoot);
        IOException e = assertThrows(IOException.class, () -> store.obtain("broken", dir -> {
            Files.createDirectories(dir.resolve("a/b"));
            Files.writeString(dir.resolve("a/b/half"), "half");
            Files.setAttribute(dir.resolve("a"), "unix:mode", 0500);
            throw new IOException("boom");
        }));
        assertEquals("boom", e.getMessage());
        assertEquals(Set.of(".lock"), storeListing());
    }

    @Test
    void staleTemporariesOfADeadRunAreRemoved() throws IOException {
        Files.createDirectories(dataRoot.resolve("rootfs/.tmp-sha256-abc-123/usr"));
        new RootfsStore(dataRoot).obtain("fresh", dir -> { });
        assertEquals(Set.of(".lock", "fresh"), storeListing());
    }

    @Test
    void concurrentCallersBuildOnce() throws Exception {
        RootfsStore store = new RootfsStore(dataRoot);
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.obtain("shared", dir -> {
                        builds.incrementAndGet();
                        try {
                            Thread.sleep(100); // long enough for the others to reach the lock
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        Files.writeString(dir.resolve("f"), "f");
                    });
                }));
            }
            start.countDown();
            Path first = results.getFirst().get();
            for (Future<Path> f : results) {
                assertEquals(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, builds.get());
        assertEquals(Set.of(".lock", "shared"), storeListing());
    }

    @Test
    void refusesNamesThatAreNotASingleFolder() {
        RootfsStore store = new RootfsStore(dataRoot);
        for (String bad : List.of("", "a/b", ".tmp-x", "..")) {
            assertThrows(IllegalArgumentException.class, () -> store.obtain(bad, dir -> { }), bad);
        }
        assertFalse(Files.exists(dataRoot.resolve("rootfs")));
    }
}
