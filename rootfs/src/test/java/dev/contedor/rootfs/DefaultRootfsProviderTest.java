package dev.contedor.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.error.ExitCode;
import dev.contedor.api.rootfs.RootfsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import dev.contedor.api.plugin.Plugin;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultRootfsProviderTest {
    @TempDir
    Path temp;

    private final DefaultRootfsProvider provider = new DefaultRootfsProvider();

    private Path dataRoot() {
        return temp.resolve("data");
    }

    private Set<String> storeListing() throws IOException {
        try (Stream<Path> s = Files.list(dataRoot().resolve("rootfs"))) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Path smallRootfsTarball(Path file) throws IOException {
        return TarFixture.posix()
                .dir("./", 0755)
                .dir("./etc/", 0755)
                .file("./etc/hostname", 0644, "from-tarball\n")
                .symlink("./bin", "usr/bin")
                .dir("./usr/bin/", 0755)
                .file("./usr/bin/tool", 0755, "tool")
                .writeTo(file);
    }

    @Test
    void isBroughtByTheRootfsPluginFoundByServiceLoader() {
        List<RootfsProvider> found = ServiceLoader.load(Plugin.class).findFirst().orElseThrow().rootfsProviders(null);
        assertTrue(found.stream().anyMatch(p -> p instanceof DefaultRootfsProvider), found.toString());
    }

    @Test
    void aDirectoryIsUsedAsItIsByItsRealPath() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("rootfs"));
        Path link = Files.createSymbolicLink(temp.resolve("via-link"), dir);
        assertEquals(dir.toRealPath(), provider.resolve(Optional.of(link), dataRoot()));
        assertTrue(Files.notExists(dataRoot()), "a directory rootfs must not touch the data folder");
    }

    @Test
    void aMissingPathIsNamedWithTheFix() {
        Path missing = temp.resolve("no-such-rootfs");
        ContedorException e = assertThrows(ContedorException.class,
                () -> provider.resolve(Optional.of(missing), dataRoot()));
        assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
        assertTrue(e.getMessage().contains(".tar.gz"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAnArchiveIsNamed() throws IOException {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "hello, not a tarball");
        ContedorException e = assertThrows(ContedorException.class,
                () -> provider.resolve(Optional.of(notes), dataRoot()));
        assertTrue(e.getMessage().contains(notes.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("neither a directory nor a tar archive"), e.getMessage());
    }

    @Test
    void aDeviceIsNeitherDirectoryNorFile() {
        ContedorException e = assertThrows(ContedorException.class,
                () -> provider.resolve(Optional.of(Path.of("/dev/null")), dataRoot()));
        assertTrue(e.getMessage().contains("/dev/null"), e.getMessage());
    }

    @Test
    void anLz4TarballGetsTheCommandThatFixesIt() throws IOException {
        Path lz4 = Files.write(temp.resolve("rootfs.tar.lz4"), new byte[] {0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, (byte) 0xa7});
        ContedorException e = assertThrows(ContedorException.class,
                () -> provider.resolve(Optional.of(lz4), dataRoot()));
        assertTrue(e.getMessage().contains("lz4 -d " + lz4), e.getMessage());
    }

    @Test
    void aTarballIsUnpackedOnceUnderItsDigestAndThenReused() throws Exception {
        Path tarball = smallRootfsTarball(temp.resolve("rootfs.tar"));
        Path dir = provider.resolve(Optional.of(tarball), dataRoot());

        assertEquals(dataRoot().resolve("rootfs/sha256-" + sha256(tarball)).toRealPath(), dir);
        assertEquals("from-tarball\n", Files.readString(dir.resolve("etc/hostname")));
        assertEquals("tool", Files.readString(dir.resolve("bin/tool")));
        Object inode = Files.getAttribute(dir.resolve("etc/hostname"), "unix:ino");
        Files.writeString(dir.resolve("marker"), "a re-extraction would not have this");

        assertEquals(dir, provider.resolve(Optional.of(tarball), dataRoot()));
        assertEquals(inode, Files.getAttribute(dir.resolve("etc/hostname"), "unix:ino"));
        assertTrue(Files.exists(dir.resolve("marker")));

        // Identity is the content: a copy elsewhere, under another name, is the same rootfs.
        Path copy = Files.copy(tarball, Files.createDirectory(temp.resolve("elsewhere")).resolve("other-name.tar"));
        assertEquals(dir, provider.resolve(Optional.of(copy), dataRoot()));
        assertEquals(Set.of(".lock", "index", "sha256-" + sha256(tarball)), storeListing());
    }

    @Test
    void theIndexSparesRehashingAnUnchangedFile() throws Exception {
        Path tarball = smallRootfsTarball(temp.resolve("rootfs.tar"));
        provider.resolve(Optional.of(tarball), dataRoot());
        Path entry;
        try (Stream<Path> s = Files.list(dataRoot().resolve("rootfs/index"))) {
            entry = s.collect(Collectors.toList()).getFirst();
        }
        // Point the index at another digest: only a lookup (not a hash) can return it.
        String fake = "ab".repeat(32);
        String content = Files.readString(entry);
        Files.writeString(entry, fake + content.substring(content.indexOf('\n')));
        Path fakeDir = Files.createDirectory(dataRoot().resolve("rootfs/sha256-" + fake));
        assertEquals(fakeDir.toRealPath(), provider.resolve(Optional.of(tarball), dataRoot()));
    }

    @Test
    void aChangedFileIsHashedAgain() throws Exception {
        Path tarball = smallRootfsTarball(temp.resolve("rootfs.tar"));
        Path first = provider.resolve(Optional.of(tarball), dataRoot());
        TarFixture.posix().file("other", 0644, "other").writeTo(tarball);
        Path second = provider.resolve(Optional.of(tarball), dataRoot());
        assertNotEquals(first, second);
        assertEquals(dataRoot().resolve("rootfs/sha256-" + sha256(tarball)).toRealPath(), second);
        assertEquals("other", Files.readString(second.resolve("other")));
    }

    @Test
    void gzipIsDetectedByContentNotName() throws Exception {
        Path gzipNamedTar = TarFixture.posix().file("inside", 0644, "gz").writeGzipTo(temp.resolve("image.tar"));
        assertEquals("gz", Files.readString(provider.resolve(Optional.of(gzipNamedTar), dataRoot()).resolve("inside")));
        Path tarNamedTgz = TarFixture.posix().file("inside", 0644, "plain").writeTo(temp.resolve("image.tgz"));
        assertEquals("plain", Files.readString(provider.resolve(Optional.of(tarNamedTgz), dataRoot()).resolve("inside")));
    }

    @Test
    void aHostileTarballFailsNamingTarballAndEntryAndLeavesNothing() throws IOException {
        Path tarball = TarFixture.posix()
                .dir("etc/", 0755)
                .file("etc/passwd", 0644, "root:x:0:0::/root:/bin/sh\n")
                .symlink("escape", "/")
                .file("escape/tmp/pwned", 0644, "x")
                .writeGzipTo(temp.resolve("evil.tar.gz"));
        ContedorException e = assertThrows(ContedorException.class,
                () -> provider.resolve(Optional.of(tarball), dataRoot()));
        assertTrue(e.getMessage().contains(tarball.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("\"escape/tmp/pwned\""), e.getMessage());
        assertEquals(Set.of(".lock", "index"), storeListing());
    }

    @Test
    void aTruncatedTarballFailsAndLeavesNothing() throws IOException {
        byte[] whole = TarFixture.posix().file("big", 0644, new byte[200_000], x -> { }).bytes();
        Path tarball = Files.write(temp.resolve("cut.tar"), java.util.Arrays.copyOf(whole, 50_000));
        ContedorException e = assertThrows(ContedorException.class,
                () -> provider.resolve(Optional.of(tarball), dataRoot()));
        assertTrue(e.getMessage().contains(tarball.toString()) && e.getMessage().contains("\"big\""), e.getMessage());
        assertEquals(Set.of(".lock", "index"), storeListing());
    }

    @Test
    void concurrentResolvesOfOneTarballAgree() throws Exception {
        Path tarball = smallRootfsTarball(temp.resolve("rootfs.tar"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Path>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> provider.resolve(Optional.of(tarball), dataRoot())));
            }
            for (Future<Path> f : results) {
                assertEquals(results.getFirst().get(), f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of(".lock", "index", "sha256-" + sha256(tarball)), storeListing());
    }

    @Test
    void describingATarballNamesTheFolderARunUsesWithoutUnpackingIt() throws Exception {
        Path tarball = smallRootfsTarball(temp.resolve("rootfs.tar"));
        String id = "ab".repeat(32);
        var described = provider.describe(new dev.contedor.api.rootfs.RootfsSource.Folder(tarball), id, dataRoot());
        Path expected = dataRoot().resolve("rootfs/sha256-" + sha256(tarball));
        assertEquals(List.of(expected), described.overlay().orElseThrow().lowerDirs());
        assertTrue(Files.notExists(expected), "describe unpacked the tarball");
        assertTrue(Files.notExists(new dev.contedor.rootfs.overlay.ContainerLayers(dataRoot()).folder(id)));
        Path unpacked = provider.resolve(Optional.of(tarball), dataRoot());
        assertEquals(expected.toRealPath(), unpacked, "a run unpacks it where --explain said");
    }
}
