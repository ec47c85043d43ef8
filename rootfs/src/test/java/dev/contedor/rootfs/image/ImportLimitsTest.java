package dev.contedor.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.api.error.ContedorException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decompression bombs: a small gzip that unpacks to far more than it weighs is refused at the
 * {@code --max-size} limit, or before the disk would be full, with a message naming the limit
 * and the fix; the store is left as it was and nothing is staged.
 */
class ImportLimitsTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path temp;
    StoreTestSupport support;

    @BeforeEach
    void setUp() throws IOException {
        support = new StoreTestSupport(temp.resolve("data"));
        // a store with something in it: a refusal must not disturb what is there
        support.store.importArchive(bomb(4096), Optional.empty(), ImportProgress.NONE);
    }

    /** A .tar.gz with one file of {@code size} zero bytes: a few KiB per 64 MiB. */
    private Path bomb(long size) throws IOException {
        Path file = temp.resolve("bomb-" + size + ".tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry("zeros");
            entry.setSize(size);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            byte[] block = new byte[1 << 16];
            for (long left = size; left > 0; left -= block.length) {
                tar.write(block, 0, (int) Math.min(block.length, left));
            }
            tar.closeArchiveEntry();
        }
        return file;
    }

    @Test
    void theBombIsSmall() throws IOException {
        assertTrue(Files.size(bomb(64 * MIB)) < 256 * 1024, "the fixture stays small");
    }

    @Test
    void aBombOverMaxSizeIsRefusedNamingTheLimitAndTheStoreIsUnchanged() throws IOException {
        Path bomb = bomb(64 * MIB);
        ContedorException e = support.assertRefusedLeavingStoreAlone(() -> support.store.importArchive(bomb,
                        Optional.empty(), ImportProgress.NONE, OptionalLong.of(16 * MIB)),
                "cannot import " + bomb, "more than 16.0 MiB, the --max-size limit", "nothing was imported",
                "give a larger --max-size");
        assertEquals(1, e.getMessage().lines().count(), "one line");
        assertEquals(1, support.store.list().size());
    }

    @Test
    void withoutMaxSizeTheImportStopsBeforeTheDiskIsFull() throws IOException {
        // a 100 MiB disk with 40 MiB free keeps 5 MiB: the 64 MiB file cannot fit
        AtomicLong free = new AtomicLong(40 * MIB);
        ImageStore store = new ImageStore(support.dataRoot, ContainerUse.of(support.dataRoot), Clock.systemUTC(),
                () -> new StoreDisk(() -> free.get() - written(), 100 * MIB));
        Path bomb = bomb(64 * MIB);
        support.assertRefusedLeavingStoreAlone(() -> store.importArchive(bomb, Optional.empty(), ImportProgress.NONE),
                "cannot import " + bomb, "would leave less than 5.0 MiB free on the file system of",
                "nothing was imported", "free some disk space");
    }

    @Test
    void anArchiveWithinTheLimitsIsImported() throws IOException {
        Path small = bomb(MIB);
        Image image = support.store.importArchive(small, Optional.empty(), ImportProgress.NONE, OptionalLong.of(4 * MIB));
        assertEquals(2, support.store.list().size());
        assertEquals(1, image.diffIds().size());
    }

    /** What the store's staging folder holds now: the fake disk's free space goes down as the import writes. */
    private long written() {
        try (var walk = Files.walk(support.dataRoot)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // a file went while being walked
        }
    }
}
