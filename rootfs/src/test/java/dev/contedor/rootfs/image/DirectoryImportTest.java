package dev.contedor.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.image.fixture.Compression;
import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;
import dev.contedor.rootfs.posix.NativeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageStore#importDirectory}: moved in on the same filesystem, copied faithfully from another. */
class DirectoryImportTest {
    /** VFS_CAP_REVISION_2 with cap_setuid (bit 7): a byte 0x80, which UTF-8 pax values would mangle. */
    private static final byte[] CAPABILITY = {0x01, 0x00, 0x00, 0x02, (byte) 0x80, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0};
    private static final FileTime TIME = FileTime.from(Instant.parse("2022-02-02T02:02:02Z"));
    private static final ImageConfig CONFIG = new ImageConfig(List.of(), List.of("/bin/sh"), List.of("PATH=/bin"),
            Optional.of("/"), Optional.empty(), "linux", ImageArchiveFixture.hostArchitecture());

    @TempDir
    Path temp;
    StoreTestSupport support;
    ImageStore store;

    @BeforeEach
    void setUp() {
        support = new StoreTestSupport(temp.resolve("data"));
        store = support.store;
    }

    /** A root filesystem with every kind of thing a layer must keep, all dated {@link #TIME}. */
    static Path buildTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("etc/deep/er"));
        Files.createDirectories(root.resolve("dev"));
        Files.createDirectories(root.resolve("tmp"));
        Files.writeString(root.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
        Files.setAttribute(root.resolve("bin/tool"), "unix:mode", 04755);
        Files.writeString(root.resolve("bin/ping"), "ping");
        NativeFiles.lsetxattr(root.resolve("bin/ping"), "security.capability", CAPABILITY);
        Files.createLink(root.resolve("bin/tool-again"), root.resolve("bin/tool"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("tool"));
        Files.writeString(root.resolve("etc/owned"), "by 1234");
        Files.setAttribute(root.resolve("etc/owned"), "unix:uid", 1234);
        Files.setAttribute(root.resolve("etc/owned"), "unix:gid", 5678);
        Files.writeString(root.resolve("etc/deep/er/" + "long-name-".repeat(12)), "long");
        Files.writeString(root.resolve("etc/ünïcode"), "u");
        NativeFiles.mknod(root.resolve("dev/null"), NativeFiles.S_IFCHR, 0666, 1, 3);
        NativeFiles.mknod(root.resolve("dev/loop-like"), NativeFiles.S_IFBLK, 0660, 7, 300);
        NativeFiles.mknod(root.resolve("dev/fifo"), NativeFiles.S_IFIFO, 0600, 0, 0);
        Files.setAttribute(root.resolve("tmp"), "unix:mode", 01777);
        Files.setAttribute(root, "unix:mode", 0755);
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = new ArrayList<>(walk.toList());
        }
        // Deepest first: setting a file's time does not change its folder's, creating does.
        for (Path p : all.reversed()) {
            NativeFiles.setModificationTime(p, TIME);
        }
        return root;
    }

    /** What a layer must keep of each path: type, mode, owner, mtime, content, link, device, capability, link count. */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,nlink,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
                StringBuilder s = new StringBuilder();
                s.append(Integer.toOctalString((Integer) a.get("mode")));
                s.append(" ").append(a.get("uid")).append(":").append(a.get("gid"));
                s.append(" rdev=").append(a.get("rdev"));
                s.append(" mtime=").append(a.get("lastModifiedTime"));
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    s.append(" nlink=").append(a.get("nlink"));
                    s.append(" content=").append(Files.readString(p));
                    byte[] cap = NativeFiles.lgetxattr(p, "security.capability");
                    s.append(" cap=").append(cap == null ? "-" : java.util.HexFormat.of().formatHex(cap));
                }
                if (Files.isSymbolicLink(p)) {
                    s.append(" -> ").append(Files.readSymbolicLink(p));
                }
                out.put(root.relativize(p).toString(), s.toString());
            }
        }
        return out;
    }

    private static long inode(Path p) throws IOException {
        return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void folderOnTheSameFilesystemIsMovedIn() throws IOException {
        Path tree = buildTree(temp.resolve("tree"));
        Map<String, String> expected = describe(tree);
        long inode = inode(tree.resolve("bin/tool"));
        Image image = store.importDirectory(tree, CONFIG, Optional.of(ImageReference.parse("bootstrapped:1")));
        assertFalse(Files.exists(tree), "moved, not copied");
        Path layer = store.layerFolders(image).getFirst();
        assertEquals(inode, inode(layer.resolve("bin/tool")));
        assertEquals(expected, describe(layer));
        assertEquals(List.of("bootstrapped:1"), image.tags());
        assertEquals(CONFIG, image.config());
        assertEquals(1, image.diffIds().size());
        support.assertTmpEmpty();
    }

    @Test
    void folderOnAnotherFilesystemIsCopiedWithEverythingAndLeftAlone() throws Exception {
        Path mount = Files.createDirectories(temp.resolve("tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=16m", "contedor-test", mount.toString());
        try {
            Path tree = buildTree(mount.resolve("tree"));
            Map<String, String> expected = describe(tree);
            Image copied = store.importDirectory(tree, CONFIG, Optional.of(ImageReference.parse("copied:1")));
            assertEquals(expected, describe(tree), "the source is untouched");
            Path layer = store.layerFolders(copied).getFirst();
            Map<String, String> actual = describe(layer);
            assertEquals(expected, actual);
            assertNotEquals(Files.getAttribute(tree, "unix:dev"), Files.getAttribute(layer, "unix:dev"), "a copy");
            assertArrayEquals(CAPABILITY, NativeFiles.lgetxattr(layer.resolve("bin/ping"), "security.capability"));
            assertEquals(inode(layer.resolve("bin/tool")), inode(layer.resolve("bin/tool-again")), "hard link kept");

            // The same tree on the store's filesystem gives the same tar, hence the same layer and image.
            Path local = buildTree(temp.resolve("local"));
            Image moved = store.importDirectory(local, CONFIG, Optional.of(ImageReference.parse("moved:1")));
            assertEquals(copied.id(), moved.id());
            assertEquals(copied.diffIds(), moved.diffIds());
            assertEquals(List.of("copied:1", "moved:1"), moved.tags());
            try (Stream<Path> layers = Files.list(store.root().resolve("layers"))) {
                assertEquals(1, layers.count());
            }
            support.assertTmpEmpty();
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void diffIdIsTheSha256OfATarThatUnpacksToTheSameTree() throws IOException {
        Path tree = buildTree(temp.resolve("tree"));
        Map<String, String> expected = describe(tree);
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        dev.contedor.rootfs.image.format.TreeTarWriter.write(tree, tar);
        Image image = store.importDirectory(tree, CONFIG, Optional.empty());
        assertEquals("sha256:" + ImageArchiveFixture.sha256(tar.toByteArray()), image.diffIds().getFirst());
        // The tar is a real one: imported as a tarball it gives the same layer.
        Path file = Files.write(temp.resolve("tree.tar"), tar.toByteArray());
        Image fromTar = store.importArchive(file, Optional.empty(), ImportProgress.NONE);
        assertEquals(image.diffIds(), fromTar.diffIds());
        assertEquals(expected, describe(store.layerFolders(fromTar).getFirst()));
    }

    @Test
    void failedCommitPutsTheFolderBackAndLeavesTheStoreAlone() throws Exception {
        // Something already stored, so that the store's folders exist.
        store.importArchive(ImageArchiveFixture.writeRootfsTar(TarFixture.posix().file("a", 0644, "a").bytes(), Compression.NONE,
                temp.resolve("a.tar")), Optional.of(ImageReference.parse("a")), ImportProgress.NONE);
        Path tree = buildTree(temp.resolve("tree"));
        Map<String, String> expected = describe(tree);
        long inode = inode(tree.resolve("bin/tool"));
        Path configs = store.root().resolve("configs");
        // An immutable folder refuses even root: the commit fails after the layer was renamed in.
        run("chattr", "+i", configs.toString());
        try {
            support.assertRolledBack(
                    () -> store.importDirectory(tree, CONFIG, Optional.of(ImageReference.parse("b"))), tree.toString(),
                    "nothing was imported");
        } finally {
            run("chattr", "-i", configs.toString());
        }
        assertEquals(expected, describe(tree), "the folder is back, whole");
        assertEquals(inode, inode(tree.resolve("bin/tool")));
        assertEquals(1, store.list().size());
    }

    @Test
    void failedCommitOfAnArchiveTakesBackItsLayers() throws Exception {
        store.importArchive(ImageArchiveFixture.writeRootfsTar(TarFixture.posix().file("a", 0644, "a").bytes(), Compression.NONE,
                temp.resolve("a.tar")), Optional.of(ImageReference.parse("a")), ImportProgress.NONE);
        Path archive = ImageImportTest.twoLayerImage(Compression.GZIP).writeOciTar(temp.resolve("oci.tar"));
        Path images = store.root().resolve("images");
        run("chattr", "+i", images.toString());
        try {
            support.assertRolledBack(() -> store.importArchive(archive, Optional.empty(), ImportProgress.NONE), "oci.tar");
        } finally {
            run("chattr", "-i", images.toString());
        }
        assertEquals(1, store.list().size());
    }

    @Test
    void folderHoldingTheStoreIsRefused() throws IOException {
        support.assertRefusedLeavingStoreAlone(() -> store.importDirectory(temp, CONFIG, Optional.empty()),
                "contains the image store");
        Path inside = Files.createDirectories(store.root().resolve("tmp-not-staging"));
        try {
            support.assertRefusedLeavingStoreAlone(() -> store.importDirectory(inside, CONFIG, Optional.empty()),
                    "is inside the image store");
        } finally {
            Files.delete(inside);
        }
        assertTrue(Files.isDirectory(temp));
    }

    @Test
    void somethingElseThanAFolderIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        support.assertRefusedLeavingStoreAlone(() -> store.importDirectory(file, CONFIG, Optional.empty()), "not a folder");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
