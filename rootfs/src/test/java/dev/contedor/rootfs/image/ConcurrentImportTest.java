package dev.contedor.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.image.fixture.Compression;
import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.store.ImportStaging;
import dev.contedor.rootfs.image.store.StoreLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports, removals and prunes at the same time leave a consistent store. */
class ConcurrentImportTest {
    @TempDir
    Path temp;
    StoreTestSupport support;
    ImageStore store;

    @BeforeEach
    void setUp() {
        support = new StoreTestSupport(temp.resolve("data"));
        store = support.store;
    }

    private static byte[] bigLayer(String seed) {
        TarFixture tar = TarFixture.posix().dir("data/", 0755);
        for (int i = 0; i < 200; i++) {
            tar.file("data/file-" + i, 0644, (seed + i + " ").repeat(200));
        }
        return tar.bytes();
    }

    private static <T> List<T> together(int threads, Callable<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    @Test
    void twoThreadsImportingTheSameImageStoreItOnce() throws Exception {
        ImageArchiveFixture fixture = ImageArchiveFixture.image()
                .layer(bigLayer("a"), Compression.GZIP).layer(bigLayer("b"), Compression.ZSTD).name("same:1");
        Path archive = fixture.writeOciTar(temp.resolve("same.tar"));
        for (int round = 0; round < 5; round++) {
            List<Image> images = together(2, () -> store.importArchive(archive, Optional.empty(), ImportProgress.NONE));
            assertEquals(fixture.imageId(), images.get(0).id());
            assertEquals(fixture.imageId(), images.get(1).id());
            assertEquals(1, store.list().size());
            List<Path> folders = store.layerFolders(store.require("same:1"));
            assertEquals(2, folders.size());
            try (var files = Files.list(folders.getFirst().resolve("data"))) {
                assertEquals(200, files.count(), "the layer is whole");
            }
            try (var layers = Files.list(store.root().resolve("layers"))) {
                assertEquals(2, layers.count());
            }
            support.assertTmpEmpty();
            store.remove("same:1", false);
        }
    }

    @Test
    void importsOfDifferentImagesSharingALayerRaceWithPrune() throws Exception {
        byte[] shared = bigLayer("shared");
        // The shared layer starts out as the layer of a dangling image, which prune deletes.
        Path dangling = ImageArchiveFixture.writeRootfsTar(shared, Compression.NONE, temp.resolve("dangling.tar"));
        List<Path> archives = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            archives.add(ImageArchiveFixture.image().layer(shared).layer(bigLayer("top" + i), Compression.GZIP)
                    .name("app:" + i).writeOciTar(temp.resolve("app" + i + ".tar")));
        }
        for (int round = 0; round < 4; round++) {
            store.importArchive(dangling, Optional.empty(), ImportProgress.NONE);
            int[] next = {0};
            together(4, () -> {
                int me;
                synchronized (next) {
                    me = next[0]++;
                }
                if (me == 3) {
                    for (int i = 0; i < 20; i++) {
                        store.prune(false);
                    }
                } else {
                    store.importArchive(archives.get(me), Optional.empty(), ImportProgress.NONE);
                }
                return null;
            });
            for (int i = 0; i < 3; i++) {
                Image image = store.require("app:" + i);
                for (Path folder : store.layerFolders(image)) {
                    assertTrue(Files.isDirectory(folder.resolve("data")), "layer of app:" + i + " is whole");
                }
            }
            store.prune(true);
            assertEquals(List.of(), store.list());
            support.assertTmpEmpty();
        }
    }

    @Test
    void aLayerPinnedByALiveImportSurvivesPruneUntilTheImportEnds() throws Exception {
        Image image = store.importArchive(ImageArchiveFixture.writeRootfsTar(bigLayer("x"), Compression.NONE, temp.resolve("x.tar")),
                Optional.empty(), ImportProgress.NONE);
        Digest layer = Digest.parse(image.diffIds().getFirst(), "test");
        StoreLayout layout = new StoreLayout(store.root());
        try (ImportStaging staging = ImportStaging.create(layout)) {
            assertTrue(staging.pinIfStored(layer));
            PruneResult whilePinned = store.prune(false);
            assertEquals(List.of(image.id()), whilePinned.deletedImageIds(), "the dangling image goes");
            assertEquals(0, whilePinned.deletedLayers(), "its layer stays: an import counts on it");
            assertTrue(Files.isDirectory(layout.layer(layer)));
            assertTrue(Files.isDirectory(staging.folder()), "a live staging folder is not a leftover");
        }
        PruneResult after = store.prune(false);
        assertEquals(1, after.deletedLayers());
        support.assertTmpEmpty();
    }

    @Test
    void removalsAndImportsOfTheSameNameInterleaveSafely() throws Exception {
        List<Path> tarballs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tarballs.add(ImageArchiveFixture.writeRootfsTar(bigLayer("v" + i), Compression.GZIP, temp.resolve("v" + i + ".tgz")));
        }
        together(4, () -> {
            for (Path tarball : tarballs) {
                store.importArchive(tarball, Optional.of(ImageReference.parse("moving:tag")), ImportProgress.NONE);
                try {
                    store.remove("moving:tag", false);
                } catch (dev.contedor.api.error.ContedorException e) {
                    // Another thread removed it first: fine.
                    assertTrue(e.getMessage().startsWith("unknown image"), e.getMessage());
                }
            }
            return null;
        });
        store.prune(true);
        assertEquals(List.of(), store.list());
        try (var layers = Files.list(store.root().resolve("layers"))) {
            assertEquals(0, layers.count());
        }
        support.assertTmpEmpty();
        assertTrue(ImportStaging.livePins(new StoreLayout(store.root())).isEmpty());
    }

    @Test
    void aStagingFolderLockedByAnotherProcessIsNotALeftover() throws IOException, InterruptedException {
        store.importArchive(ImageArchiveFixture.writeRootfsTar(bigLayer("y"), Compression.NONE, temp.resolve("y.tar")),
                Optional.of(ImageReference.parse("y")), ImportProgress.NONE);
        Path tmp = store.root().resolve("tmp");
        Files.createDirectories(tmp.resolve("import-other/layer-0"));
        Path lock = Files.writeString(tmp.resolve("import-other.lock"), "");
        // Another JVM holds the fcntl lock, as a running `contedor image import` would.
        Path locker = Files.writeString(temp.resolve("Locker.java"), """
                public class Locker {
                    public static void main(String[] args) throws Exception {
                        try (var channel = java.nio.channels.FileChannel.open(java.nio.file.Path.of(args[0]),
                                java.nio.file.StandardOpenOption.WRITE); var lock = channel.lock()) {
                            System.out.println("locked");
                            Thread.sleep(60_000);
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, locker.toString(), lock.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked", new String(holder.getInputStream().readNBytes(6)));
            store.prune(false);
            assertTrue(Files.isDirectory(tmp.resolve("import-other")), "another process's import is alive");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        store.prune(false);
        support.assertTmpEmpty();
    }
}
