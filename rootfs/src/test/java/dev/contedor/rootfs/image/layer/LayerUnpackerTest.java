package dev.contedor.rootfs.image.layer;

import static dev.contedor.rootfs.image.layer.Layers.CAPABILITY;
import static dev.contedor.rootfs.image.layer.Layers.gid;
import static dev.contedor.rootfs.image.layer.Layers.inode;
import static dev.contedor.rootfs.image.layer.Layers.isOpaque;
import static dev.contedor.rootfs.image.layer.Layers.isWhiteout;
import static dev.contedor.rootfs.image.layer.Layers.mode;
import static dev.contedor.rootfs.image.layer.Layers.mtime;
import static dev.contedor.rootfs.image.layer.Layers.permissions;
import static dev.contedor.rootfs.image.layer.Layers.uid;
import static dev.contedor.rootfs.image.layer.Layers.unpack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.host.ProcessCredentials;
import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.extract.EntryInterceptor;
import dev.contedor.rootfs.extract.ExtractionOptions;
import dev.contedor.rootfs.extract.ExtractionSummary;
import dev.contedor.rootfs.extract.TarEntryException;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import dev.contedor.rootfs.posix.NativeFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Layers unpacked into overlayfs format; as root, since whiteouts are devices and opaque marks trusted xattrs. */
class LayerUnpackerTest {
    private static final FileTime LOWER_TIME = FileTime.from(Instant.parse("2019-01-02T03:04:05Z"));

    @TempDir
    Path temp;

    @BeforeEach
    void needsRoot() {
        assertTrue(ProcessCredentials.isRoot(), "run the tests as root: whiteouts are character devices (CAP_MKNOD)");
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void whiteoutBecomesCharacterDeviceZeroZero() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().dir("etc/", 0755).file("etc/passwd", 0644, "root")
                .file("etc/hosts", 0644, "localhost"));
        Path upper = unpack(temp, "upper", TarFixture.posix().dir("etc/", 0755).file("etc/.wh.passwd", 0644, ""),
                lower);

        Path whiteout = upper.resolve("etc/passwd");
        assertTrue(isWhiteout(whiteout), "etc/passwd must be a 0/0 character device");
        assertEquals(0, permissions(whiteout), "overlayfs makes whiteouts with mode 0");
        assertEquals(Set.of("passwd"), names(upper.resolve("etc")), "the marker itself is not written");
        assertEquals("root", Files.readString(lower.resolve("etc/passwd")), "lower layers are never changed");
    }

    /** overlayfs would list such a whiteout as a phantom name in a folder only one layer has. */
    @Test
    void whiteoutOfANameNoLowerLayerShowsIsLeftOut() throws IOException {
        Path bottom = unpack(temp, "bottom", TarFixture.posix().file("gone", 0644, "g").file("kept", 0644, "k"));
        Path middle = unpack(temp, "middle", TarFixture.posix().file(".wh.gone", 0644, ""), bottom);
        Path upper = unpack(temp, "upper", TarFixture.posix()
                .file(".wh.never-existed", 0644, "")
                .file(".wh.gone", 0644, "")
                .file(".wh.kept", 0644, "")
                .file("new/.wh.x", 0644, ""), middle, bottom);

        assertEquals(Set.of("kept", "new"), names(upper), "only \"kept\" is still visible below");
        assertTrue(isWhiteout(upper.resolve("kept")));
        assertEquals(Set.of(), names(upper.resolve("new")));
    }

    @Test
    void folderImpliedByAWhiteoutTakesTheLowerFoldersAttributes() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix()
                .dir("etc/", 0751, LOWER_TIME)
                .file("etc/passwd", 0644, "root"));
        Path upper = unpack(temp, "upper", TarFixture.posix().file("etc/.wh.passwd", 0644, ""), lower);

        Path etc = upper.resolve("etc");
        assertEquals(0751, permissions(etc));
        assertEquals(LOWER_TIME, mtime(etc), "the mtime overlayfs shows is the upper folder's, so it is the lower one's");
        assertEquals(permissions(lower), permissions(upper), "the root is implied too");
        assertEquals(mtime(lower), mtime(upper));
    }

    @Test
    void folderNoLowerLayerHasGets0755() throws IOException {
        Path upper = unpack(temp, "upper", TarFixture.posix().file("new/sub/file", 0600, "x"));
        assertEquals(0755, permissions(upper.resolve("new")));
        assertEquals(0755, permissions(upper.resolve("new/sub")));
        assertEquals(0755, permissions(upper));
    }

    @Test
    void opaqueMarkerSetsTheXattrOnItsFolder() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().dir("d/", 0755).file("d/old", 0644, "old"));
        Path upper = unpack(temp, "upper", TarFixture.posix()
                .dir("d/", 0700, LOWER_TIME)
                .file("d/.wh..wh..opq", 0644, "")
                .file("d/new", 0644, "new"), lower);

        assertTrue(isOpaque(upper.resolve("d")));
        assertEquals(Set.of("new"), names(upper.resolve("d")));
        assertEquals(0700, permissions(upper.resolve("d")));
        assertEquals(LOWER_TIME, mtime(upper.resolve("d")), "the xattr must not disturb the folder's mtime");
        assertFalse(isOpaque(upper), "only the marker's folder is opaque");
    }

    @Test
    void opaqueMarkerCreatesItsFolderWhenTheLayerHasNoEntryForIt() throws IOException {
        Path upper = unpack(temp, "upper", TarFixture.posix().file("a/b/.wh..wh..opq", 0644, ""));
        assertTrue(Files.isDirectory(upper.resolve("a/b"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(isOpaque(upper.resolve("a/b")));
        assertFalse(isOpaque(upper.resolve("a")));
        assertEquals(Set.of(), names(upper.resolve("a/b")));
    }

    /** OCI: a whiteout applies to the lower layers only, whether it comes before or after the entry. */
    @ParameterizedTest(name = "whiteout first: {0}")
    @ValueSource(booleans = {true, false})
    void whiteoutAndFileOfTheSameNameInOneLayerKeepTheFile(boolean whiteoutFirst) throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().file("f", 0644, "lower"));
        TarFixture layer = TarFixture.posix();
        if (whiteoutFirst) {
            layer.file(".wh.f", 0644, "").file("f", 0600, "upper");
        } else {
            layer.file("f", 0600, "upper").file(".wh.f", 0644, "");
        }
        Path upper = unpack(temp, "upper", layer, lower);

        assertEquals("upper", Files.readString(upper.resolve("f")));
        assertEquals(0600, permissions(upper.resolve("f")));
    }

    @ParameterizedTest(name = "whiteout first: {0}")
    @ValueSource(booleans = {true, false})
    void whiteoutAndFolderOfTheSameNameInOneLayerMakeAnOpaqueFolder(boolean whiteoutFirst) throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().dir("d/", 0755).file("d/old", 0644, "old"));
        TarFixture layer = TarFixture.posix();
        if (whiteoutFirst) {
            layer.file(".wh.d", 0644, "").dir("d/", 0750).file("d/new", 0644, "new");
        } else {
            layer.dir("d/", 0750).file("d/new", 0644, "new").file(".wh.d", 0644, "");
        }
        Path upper = unpack(temp, "upper", layer, lower);

        Path d = upper.resolve("d");
        assertTrue(Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS));
        assertTrue(isOpaque(d), "the new folder replaces the lower one instead of merging with it");
        assertEquals(Set.of("new"), names(d));
        assertEquals(0750, permissions(d));
    }

    @Test
    void entryBelowAWhitedOutNameWithoutItsFolderEntryGetsAnOpaqueFolder() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().dir("d/", 0755).file("d/old", 0644, "old"));
        Path upper = unpack(temp, "upper", TarFixture.posix().file(".wh.d", 0644, "").file("d/new", 0644, "n"), lower);

        assertTrue(isOpaque(upper.resolve("d")));
        assertEquals(Set.of("new"), names(upper.resolve("d")));
        assertEquals(0755, permissions(upper.resolve("d")), "the lower folder is whited out, so nothing of it is copied");
    }

    @Test
    void hardLinkToALowerLayerFileIsACopyWithItsAttributes() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix()
                .dir("usr/", 0755).dir("usr/bin/", 0755)
                // bsdtar's spelling of the xattr, because TarFixture.rawPax stamps the next entry with the current time
                .file("usr/bin/ping", 04755, "ping-binary".getBytes(), e -> {
                    e.addPaxHeader("LIBARCHIVE.xattr.security.capability", Base64.getEncoder().encodeToString(CAPABILITY));
                    e.setUserId(12);
                    e.setGroupId(34);
                    e.setModTime(LOWER_TIME);
                }));
        Path upper = unpack(temp, "upper", TarFixture.posix()
                .hardlink("usr/bin/ping2", "usr/bin/ping")
                .hardlink("usr/bin/ping3", "usr/bin/ping"), lower);

        Path copy = upper.resolve("usr/bin/ping2");
        assertEquals("ping-binary", Files.readString(copy));
        assertEquals(04755, permissions(copy), "setuid survives the chown");
        assertEquals(12, uid(copy));
        assertEquals(34, gid(copy));
        assertEquals(LOWER_TIME, mtime(copy));
        assertArrayEquals(CAPABILITY, NativeFiles.lgetxattr(copy, "security.capability"));
        assertNotEquals(inode(lower.resolve("usr/bin/ping")), inode(copy), "the lower file must stay out of reach");
        assertEquals(inode(copy), inode(upper.resolve("usr/bin/ping3")), "links to one lower file share one copy");
        assertFalse(Files.exists(upper.resolve("usr/bin/ping"), LinkOption.NOFOLLOW_LINKS),
                "the target itself stays in the lower layer");
    }

    @Test
    void hardLinkFindsTheTopmostLowerLayerThatHasTheFile() throws IOException {
        Path bottom = unpack(temp, "bottom", TarFixture.posix().file("f", 0644, "bottom"));
        Path middle = unpack(temp, "middle", TarFixture.posix().file("f", 0644, "middle"), bottom);
        Path upper = unpack(temp, "upper", TarFixture.posix().hardlink("g", "f"), middle, bottom);
        assertEquals("middle", Files.readString(upper.resolve("g")));
    }

    @Test
    void hardLinkToAWhitedOutLowerFileIsRefused() throws IOException {
        Path bottom = unpack(temp, "bottom", TarFixture.posix().dir("etc/", 0755).file("etc/shadow", 0600, "secret"));
        Path middle = unpack(temp, "middle", TarFixture.posix().file("etc/.wh.shadow", 0644, ""), bottom);
        Path upper = Files.createDirectory(temp.resolve("upper"));
        byte[] layer = TarFixture.posix().hardlink("leak", "etc/shadow").bytes();

        UnsafeEntryException e = assertThrows(UnsafeEntryException.class, () -> new LayerUnpacker()
                .unpack(new ByteArrayInputStream(layer), upper, List.of(middle, bottom)));
        assertEquals("leak", e.entryName());
        assertTrue(e.getMessage().contains("whited out"), e.getMessage());
        assertFalse(Files.exists(upper.resolve("leak"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void hardLinkToALowerFileUnderAnOpaqueFolderIsRefused() throws IOException {
        Path bottom = unpack(temp, "bottom", TarFixture.posix().file("d/f", 0644, "hidden"));
        Path middle = unpack(temp, "middle", TarFixture.posix().file("d/.wh..wh..opq", 0644, ""), bottom);
        Path upper = Files.createDirectory(temp.resolve("upper"));
        byte[] layer = TarFixture.posix().hardlink("g", "d/f").bytes();

        UnsafeEntryException e = assertThrows(UnsafeEntryException.class, () -> new LayerUnpacker()
                .unpack(new ByteArrayInputStream(layer), upper, List.of(middle, bottom)));
        assertEquals("g", e.entryName());
        assertTrue(e.getMessage().contains("opaque"), e.getMessage());
    }

    @Test
    void hardLinkToALowerFileThisLayerWhitesOutIsRefused() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().file("f", 0644, "lower"));
        Path upper = Files.createDirectory(temp.resolve("upper"));
        byte[] layer = TarFixture.posix().file(".wh.f", 0644, "").hardlink("g", "f").bytes();

        UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
                () -> new LayerUnpacker().unpack(new ByteArrayInputStream(layer), upper, List.of(lower)));
        assertEquals("g", e.entryName());
        assertTrue(e.getMessage().contains("whited out in this layer"), e.getMessage());
    }

    @Test
    void hardLinkToAWhiteoutMarkerIsRefused() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().file("f", 0644, "lower"));
        Path upper = Files.createDirectory(temp.resolve("upper"));
        byte[] layer = TarFixture.posix().file(".wh.f", 0644, "").hardlink("g", ".wh.f").bytes();

        UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
                () -> new LayerUnpacker().unpack(new ByteArrayInputStream(layer), upper, List.of(lower)));
        assertEquals("g", e.entryName());
        assertTrue(e.getMessage().contains("whiteout"), e.getMessage());
    }

    @Test
    void hardLinkToALowerFileThisLayerReplacedIsRefused() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().file("f", 0644, "lower"));
        Path upper = Files.createDirectory(temp.resolve("upper"));
        byte[] layer = TarFixture.posix().symlink("f", "/etc/passwd").hardlink("g", "f").bytes();

        UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
                () -> new LayerUnpacker().unpack(new ByteArrayInputStream(layer), upper, List.of(lower)));
        assertEquals("g", e.entryName());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void hardLinkWithoutALowerFileIsRefusedAsBefore() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().file("other", 0644, "x"));
        Path upper = Files.createDirectory(temp.resolve("upper"));
        byte[] layer = TarFixture.posix().hardlink("g", "missing").bytes();

        UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
                () -> new LayerUnpacker().unpack(new ByteArrayInputStream(layer), upper, List.of(lower)));
        assertTrue(e.getMessage().contains("none of the layers below"), e.getMessage());
    }

    /** Second and later aufs whiteouts are hard links to the first; they are whiteouts all the same. */
    @Test
    void whiteoutStoredAsAHardLinkIsAWhiteout() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().file("a", 0644, "a").file("b", 0644, "b"));
        Path upper = unpack(temp, "upper", TarFixture.posix().file(".wh.a", 0644, "").hardlink(".wh.b", ".wh.a"), lower);
        assertTrue(isWhiteout(upper.resolve("a")));
        assertTrue(isWhiteout(upper.resolve("b")));
    }

    @ParameterizedTest
    @ValueSource(strings = {".wh.", "d/.wh..", "d/.wh...", ".wh..wh.plnk", ".wh..wh.aufs", "d/.wh..wh..wh.x"})
    void reservedNamesThatAreNoValidWhiteoutAreRefused(String name) throws IOException {
        Path upper = Files.createDirectory(temp.resolve("upper"));
        byte[] layer = TarFixture.posix().dir("d/", 0755).file(name, 0644, "").bytes();

        UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
                () -> new LayerUnpacker().unpack(new ByteArrayInputStream(layer), upper, List.of()));
        assertEquals(name, e.entryName());
        assertTrue(e.getMessage().contains("not a valid whiteout"), e.getMessage());
        assertTrue(Files.isDirectory(upper.resolve("d")), "the folder a bad marker names must survive");
    }

    @Test
    void whiteoutBelowAFileIsRefusedNamingTheMarker() throws IOException {
        Path upper = Files.createDirectory(temp.resolve("upper"));
        TarEntryException e = assertThrows(TarEntryException.class, () -> new LayerUnpacker().unpack(
                new ByteArrayInputStream(TarFixture.posix().file("f", 0644, "f").file("f/.wh.x", 0644, "").bytes()),
                upper, List.of()));
        assertEquals("f/.wh.x", e.entryName());
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void whiteoutThatIsNoRegularFileIsRefused() throws IOException {
        for (TarFixture layer : List.of(TarFixture.posix().dir(".wh.d/", 0755),
                TarFixture.posix().symlink(".wh.s", "/etc"), TarFixture.posix().fifo("x/.wh..wh..opq", 0644))) {
            Path upper = Files.createTempDirectory(temp, "upper");
            UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
                    () -> new LayerUnpacker().unpack(new ByteArrayInputStream(layer.bytes()), upper, List.of()));
            assertTrue(e.getMessage().contains("must be an empty regular file"), e.getMessage());
        }
    }

    /** overlayfs ignores the opaque mark on a layer's root, so an opaque root is spelled out. */
    @Test
    void opaqueRootWhitesOutEverythingTheLowerRootsHave() throws IOException {
        Path bottom = unpack(temp, "bottom", TarFixture.posix().dir("./", 0755, LOWER_TIME).file("a", 0644, "a")
                .dir("d/", 0755).file("d/x", 0644, "x"));
        Path middle = unpack(temp, "middle", TarFixture.posix().file("b", 0644, "b"), bottom);
        Path upper = unpack(temp, "upper", TarFixture.posix()
                .dir("./", 0700, LOWER_TIME).file(".wh..wh..opq", 0644, "").dir("d/", 0755).file("c", 0644, "c"),
                middle, bottom);

        assertTrue(isWhiteout(upper.resolve("a")));
        assertTrue(isWhiteout(upper.resolve("b")));
        assertTrue(isOpaque(upper.resolve("d")));
        assertEquals("c", Files.readString(upper.resolve("c")));
        assertEquals(LOWER_TIME, mtime(upper), "the whiteouts added at the end must not change the root's mtime");
        assertEquals(0700, permissions(upper));
    }

    @Test
    void devicesFifosAndLinksAreKept() throws IOException {
        Path upper = unpack(temp, "upper", TarFixture.posix().charDevice("dev/null", 0666, 1, 3).fifo("run/p", 0620)
                .symlink("sh", "/bin/busybox").file("f", 0644, "f").hardlink("g", "f"));
        assertEquals(0020666, mode(upper.resolve("dev/null")));
        assertEquals(0010620, mode(upper.resolve("run/p")));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(upper.resolve("sh")));
        assertEquals(inode(upper.resolve("f")), inode(upper.resolve("g")), "links within a layer stay links");
    }

    @Test
    void whiteoutWithoutThePowerToCreateDevicesIsRefusedWithTheFix() throws IOException {
        Path lower = unpack(temp, "lower", TarFixture.posix().file("f", 0644, "f"));
        Path upper = Files.createDirectory(temp.resolve("upper"));
        LayerUnpacker withoutDevices = new LayerUnpacker(new ExtractionOptions(true, false, null));

        TarEntryException e = assertThrows(TarEntryException.class, () -> withoutDevices.unpack(
                new ByteArrayInputStream(TarFixture.posix().file(".wh.f", 0644, "").bytes()), upper, List.of(lower)));
        assertEquals(".wh.f", e.entryName());
        assertTrue(e.getMessage().contains("unpack image layers as root"), e.getMessage());
    }

    @Test
    void callersInterceptorSeesEntriesFirst() throws IOException {
        Path upper = Files.createDirectory(temp.resolve("upper"));
        EntryInterceptor skipReadme = (entry, name, tree) -> name.toString().equals("README");
        new LayerUnpacker(ExtractionOptions.forCurrentUser().withInterceptor(skipReadme)).unpack(
                new ByteArrayInputStream(TarFixture.posix().file("README", 0644, "r").file("kept", 0644, "k").bytes()),
                upper, List.of());
        assertEquals(Set.of("kept"), names(upper));
    }

    @Test
    void targetMustBeAnEmptyFolder() throws IOException {
        Path upper = Files.createDirectory(temp.resolve("upper"));
        Files.writeString(upper.resolve("leftover"), "x");
        IOException e = assertThrows(IOException.class, () -> new LayerUnpacker()
                .unpack(new ByteArrayInputStream(TarFixture.posix().file("f", 0644, "").bytes()), upper, List.of()));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }

    @Test
    void summaryCountsTheMarkersAsEntries() throws IOException {
        Path upper = Files.createDirectory(temp.resolve("upper"));
        ExtractionSummary summary = new LayerUnpacker().unpack(new ByteArrayInputStream(
                TarFixture.posix().file(".wh.a", 0644, "").file("b", 0644, "b").bytes()), upper, List.of());
        assertEquals(2, summary.entries());
        assertEquals(List.of(), summary.warnings());
    }
}
