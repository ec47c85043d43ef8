package dev.contedor.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A store in a temporary data folder, with containers the test decides on and a clock that ticks a second per import. */
final class StoreTestSupport {
    final Path dataRoot;
    final Set<String> inUse = ConcurrentHashMap.newKeySet();
    final AtomicInteger staleContainers = new AtomicInteger();
    final ImageStore store;

    StoreTestSupport(Path dataRoot) {
        this.dataRoot = dataRoot;
        ContainerUse containers = new ContainerUse() {
            @Override
            public Set<String> imagesInUse() {
                return Set.copyOf(inUse);
            }

            @Override
            public int removeStale() {
                return staleContainers.getAndSet(0);
            }
        };
        this.store = new ImageStore(dataRoot, containers, new TickingClock());
    }

    /** Every import a second later than the one before, so "newest first" is deterministic. */
    private static final class TickingClock extends Clock {
        private final AtomicInteger ticks = new AtomicInteger();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.parse("2025-01-01T00:00:00Z").plusSeconds(ticks.incrementAndGet());
        }
    }

    /** Everything in the store but its staging folder. */
    Map<String, String> snapshot() throws IOException {
        return TreeSnapshot.of(store.root(), store.root().resolve("tmp"));
    }

    /**
     * Folders' mtimes left out: a commit rolled back created and deleted entries in them, which
     * is invisible to readers but moves the times.
     */
    Map<String, String> snapshotOfContent() throws IOException {
        Map<String, String> snapshot = snapshot();
        snapshot.replaceAll((path, description) -> description.startsWith("d ")
                ? description.replaceAll(" mtime=\\S+", "") : description);
        return snapshot;
    }

    /** Asserts that {@code action} is refused with a message containing every fragment, and that the store did not change at all. */
    ContedorException assertRefusedLeavingStoreAlone(Runnable action, String... fragments) throws IOException {
        return assertRefused(action, false, fragments);
    }

    /** The same, for a refusal after the commit began: the folders' mtimes may have moved, nothing else. */
    ContedorException assertRolledBack(Runnable action, String... fragments) throws IOException {
        return assertRefused(action, true, fragments);
    }

    private ContedorException assertRefused(Runnable action, boolean contentOnly, String... fragments) throws IOException {
        Files.createDirectories(store.root());
        Map<String, String> before = contentOnly ? snapshotOfContent() : snapshot();
        ContedorException refusal = assertThrows(ContedorException.class, action::run);
        for (String fragment : fragments) {
            assertTrue(refusal.getMessage().contains(fragment), () -> "\"" + fragment + "\" not in: " + refusal.getMessage());
        }
        assertEquals(before, contentOnly ? snapshotOfContent() : snapshot(), "the store changed");
        assertTmpEmpty();
        return refusal;
    }

    void assertTmpEmpty() throws IOException {
        Path tmp = store.root().resolve("tmp");
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(java.util.List.of(), left.toList(), "staging left behind");
            }
        }
    }

    static String content(Path file) throws IOException {
        return Files.readString(file);
    }

    static boolean isWhiteout(Path p) throws IOException {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                && ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000) == 0020000
                && (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0;
    }

    static long inode(Path p) throws IOException {
        return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

}
