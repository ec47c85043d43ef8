package dev.contedor.rootfs.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.posix.NativeFiles;
import dev.contedor.host.ProcessCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTarExtractorTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final FileTime DIR_MTIME = FileTime.fromMillis(1_500_000_000_000L);

    @TempDir
    Path temp;

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
    }

    private static Object attr(Path p, String name) throws IOException {
        return Files.getAttribute(p, "unix:" + name, NOFOLLOW);
    }

    private ExtractionSummary extract(byte[] tar, Path root) throws IOException {
        return new SafeTarExtractor().extract(new ByteArrayInputStream(tar), root);
    }

    @Test
    void extractsANormalTreeWithModesLinksAndTimes() throws IOException {
        String longName = "deep/" + "x".repeat(120) + "/" + "y".repeat(120) + ".txt";
        byte[] tar = TarFixture.posix()
                .dir("./", 0755)
                .dir("./bin/", 0755)
                .file("./bin/tool", 04755, "#!/bin/sh\n")
                .file("./bin/sgid", 02711, "g")
                .dir("./tmp/", 01777)
                .dir("./usr/", 0755)
                .dir("./usr/bin/", 0755)
                .file("./usr/bin/foo", 0755, "foo-content")
                .symlink("./bin/abs", "/usr/bin/foo")
                .symlink("./bin/rel", "../usr/bin/foo")
                .hardlink("./usr/bin/hard", "./usr/bin/foo")
                .dir("./ro/", 0555, DIR_MTIME)
                .file("./ro/inside", 0444, "read only")
                .file("./etc/motd", 0644, "first")
                .file("./etc/motd", 0600, "second")
                .file(longName, 0640, "long")
                .fifo("./run/fifo", 0620)
                .bytes();

        ExtractionSummary summary = extract(tar, temp);

        assertEquals(0, summary.warnings().size(), summary.warnings().toString());
        assertEquals(04755, mode(temp.resolve("bin/tool")));
        assertEquals(02711, mode(temp.resolve("bin/sgid")));
        assertEquals(01777, mode(temp.resolve("tmp")));
        assertEquals("#!/bin/sh\n", Files.readString(temp.resolve("bin/tool")));
        assertEquals(TarFixture.MTIME, Files.getLastModifiedTime(temp.resolve("bin/tool")));

        assertEquals(Path.of("/usr/bin/foo"), Files.readSymbolicLink(temp.resolve("bin/abs")));
        assertEquals(Path.of("../usr/bin/foo"), Files.readSymbolicLink(temp.resolve("bin/rel")));
        assertEquals("foo-content", Files.readString(temp.resolve("bin/rel")));
        assertEquals(TarFixture.MTIME, Files.getLastModifiedTime(temp.resolve("bin/abs"), NOFOLLOW));

        assertEquals(attr(temp.resolve("usr/bin/foo"), "ino"), attr(temp.resolve("usr/bin/hard"), "ino"));
        assertEquals(2, attr(temp.resolve("usr/bin/foo"), "nlink"));

        // The directory's mode and mtime were applied after its child was written.
        assertEquals(0555, mode(temp.resolve("ro")));
        assertEquals(DIR_MTIME, Files.getLastModifiedTime(temp.resolve("ro")));
        assertEquals("read only", Files.readString(temp.resolve("ro/inside")));

        assertEquals("second", Files.readString(temp.resolve("etc/motd")));
        assertEquals(0600, mode(temp.resolve("etc/motd")));
        assertEquals("long", Files.readString(temp.resolve(longName)));
        assertEquals("p", fileType(temp.resolve("run/fifo")));
        assertEquals(0620, mode(temp.resolve("run/fifo")));
        assertEquals(0755, mode(temp));
    }

    @Test
    void gnuLongNamesAndLinkNames() throws IOException {
        String longDir = "a/" + "d".repeat(150);
        byte[] tar = TarFixture.gnu()
                .file(longDir + "/file", 0644, "x")
                .symlink("link", "/" + longDir + "/file")
                .hardlink(longDir + "/hard", longDir + "/file")
                .bytes();
        extract(tar, temp);
        assertEquals("x", Files.readString(temp.resolve(longDir + "/file")));
        assertEquals(Path.of("/" + longDir + "/file"), Files.readSymbolicLink(temp.resolve("link")));
        assertEquals(attr(temp.resolve(longDir + "/file"), "ino"), attr(temp.resolve(longDir + "/hard"), "ino"));
    }

    @Test
    void rootPreservesOwnersAndCreatesDevices() throws IOException {
        assertTrue(ProcessCredentials.isRoot(), "run the tests as root");
        byte[] tar = TarFixture.posix()
                .file("owned", 04755, "x".getBytes(), e -> {
                    e.setUserId(1234);
                    e.setGroupId(5678);
                })
                .symlink("link", "/nowhere", e -> {
                    e.setUserId(4321);
                    e.setGroupId(8765);
                })
                .charDevice("dev/null", 0666, 1, 3)
                .bytes();
        ExtractionSummary summary = extract(tar, temp);
        assertEquals(0, summary.warnings().size(), summary.warnings().toString());
        assertEquals(1234, attr(temp.resolve("owned"), "uid"));
        assertEquals(5678, attr(temp.resolve("owned"), "gid"));
        // chown clears setuid, so this proves the mode was applied after the owner.
        assertEquals(04755, mode(temp.resolve("owned")));
        assertEquals(4321, attr(temp.resolve("link"), "uid"));
        assertEquals(8765, attr(temp.resolve("link"), "gid"));
        Path dev = temp.resolve("dev/null");
        assertEquals("c", fileType(dev));
        assertEquals(0666, mode(dev));
        long rdev = (Long) attr(dev, "rdev");
        assertEquals(NativeFilesDev.makedev(1, 3), rdev);
    }

    @Test
    void withoutPrivilegesDevicesAreSkippedWithAWarningAndFifosStillMade() throws IOException {
        byte[] tar = TarFixture.posix()
                .charDevice("dev/null", 0666, 1, 3)
                .fifo("dev/pipe", 0600)
                .file("f", 0644, "x".getBytes(), e -> e.setUserId(1234))
                .bytes();
        ExtractionOptions unprivileged = new ExtractionOptions(false, false, null);
        ExtractionSummary summary = new SafeTarExtractor(unprivileged).extract(new ByteArrayInputStream(tar), temp);
        assertFalse(Files.exists(temp.resolve("dev/null"), NOFOLLOW));
        assertEquals(1, summary.warnings().size());
        assertTrue(summary.warnings().getFirst().contains("dev/null"), summary.warnings().toString());
        assertEquals("p", fileType(temp.resolve("dev/pipe")));
        assertEquals(attr(temp, "uid"), attr(temp.resolve("f"), "uid"), "owner must not be changed");
    }

    @Test
    void fileCapabilitiesAreRestoredByteForByte() throws IOException {
        assertTrue(ProcessCredentials.isRoot(), "run the tests as root (CAP_SETFCAP)");
        // vfs_cap_data v2, effective, permitted = cap_setuid (bit 7: byte 0x80) | cap_net_raw (bit 13).
        byte[] capability = {0x01, 0x00, 0x00, 0x02, (byte) 0x80, 0x20, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] tar = TarFixture.posix()
                .file("big", 0644, new byte[70_000], e -> { })
                .rawPax(Map.of("SCHILY.xattr.security.capability", capability))
                .file("bin/ping", 0755, "elf")
                .file("after", 0644, "z")
                .bytes();
        ExtractionSummary summary = extract(tar, temp);
        assertEquals(0, summary.warnings().size(), summary.warnings().toString());
        assertArrayEquals(capability, NativeFiles.lgetxattr(temp.resolve("bin/ping"), "security.capability"));
        assertEquals(null, NativeFiles.lgetxattr(temp.resolve("after"), "security.capability"));
        assertEquals("z", Files.readString(temp.resolve("after")));
    }

    @Test
    void libarchiveBase64CapabilitiesToo() throws IOException {
        assertTrue(ProcessCredentials.isRoot(), "run the tests as root (CAP_SETFCAP)");
        byte[] capability = {0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        String base64 = java.util.Base64.getEncoder().encodeToString(capability);
        byte[] tar = TarFixture.posix()
                .file("ping", 0755, "elf".getBytes(), e -> e.addPaxHeader("LIBARCHIVE.xattr.security.capability", base64))
                .bytes();
        extract(tar, temp);
        assertArrayEquals(capability, NativeFiles.lgetxattr(temp.resolve("ping"), "security.capability"));
    }

    @Test
    void laterEntriesReplaceEarlierOnesOfTheSameName() throws IOException {
        byte[] tar = TarFixture.posix()
                .file("a", 0644, "file")
                .dir("a/", 0700)
                .file("a/child", 0644, "c")
                .symlink("b", "/x")
                .file("b", 0644, "now a file")
                .dir("c/", 0755)
                .symlink("c", "/y")
                .bytes();
        extract(tar, temp);
        assertTrue(Files.isDirectory(temp.resolve("a"), NOFOLLOW));
        assertEquals(0700, mode(temp.resolve("a")));
        assertEquals("now a file", Files.readString(temp.resolve("b")));
        assertEquals(Path.of("/y"), Files.readSymbolicLink(temp.resolve("c")));
    }

    @Test
    void aNonEmptyDirectoryIsNotReplacedByAFile() {
        byte[] tar = TarFixture.posix().dir("d/", 0755).file("d/x", 0644, "x").file("d", 0644, "y").bytes();
        TarEntryException e = assertThrows(TarEntryException.class, () -> extract(tar, temp));
        assertEquals("d", e.entryName());
        assertTrue(e.getMessage().contains("non-empty directory"), e.getMessage());
    }

    @Test
    void anEntryBelowAFileFailsNamingIt() {
        byte[] tar = TarFixture.posix().file("f", 0644, "x").file("f/x", 0644, "y").bytes();
        TarEntryException e = assertThrows(TarEntryException.class, () -> extract(tar, temp));
        assertEquals("f/x", e.entryName());
    }

    @Test
    void aTruncatedArchiveFailsNamingTheEntry() {
        byte[] full = TarFixture.posix().file("one", 0644, "1").file("two", 0644, new byte[4096], x -> { }).bytes();
        byte[] truncated = java.util.Arrays.copyOf(full, 512 * 3 + 100);
        TarEntryException e = assertThrows(TarEntryException.class, () -> extract(truncated, temp));
        assertEquals("two", e.entryName());
    }

    @Test
    void aDirectoryReplacedByALinkIsNotChmoddedThroughIt() throws IOException {
        Path outer = Files.createDirectory(temp.resolve("outer"));
        Files.setAttribute(outer, "unix:mode", 0750);
        Path root = Files.createDirectory(outer.resolve("root"));
        Path victim = Files.createDirectory(outer.resolve("victim"));
        Files.setAttribute(victim, "unix:mode", 0700);
        var before = dev.contedor.rootfs.TreeSnapshot.of(outer, root);
        byte[] tar = TarFixture.posix()
                .dir("d/", 0777)
                .symlink("d", victim.toString())
                .bytes();
        extract(tar, root);
        assertEquals(before, dev.contedor.rootfs.TreeSnapshot.of(outer, root));
        assertEquals(0700, mode(victim));
    }

    @Test
    void anInterceptorCanApplyWhiteoutsOnTopOfAnEarlierLayer() throws IOException {
        byte[] lower = TarFixture.posix().file("etc/keep", 0644, "k").file("etc/drop", 0644, "d")
                .file("var/cache/x", 0644, "x").bytes();
        byte[] upper = TarFixture.posix().file("etc/.wh.drop", 0644, "").file("var/.wh.cache", 0644, "")
                .file("etc/new", 0644, "n").bytes();
        EntryInterceptor whiteouts = (entry, name, tree) -> {
            if (name.isRoot() || !name.fileName().startsWith(".wh.")) {
                return false;
            }
            List<String> victim = new java.util.ArrayList<>(name.parentComponents());
            victim.add(name.fileName().substring(4));
            tree.removeRecursively(EntryName.parse(String.join("/", victim)));
            return true;
        };
        SafeTarExtractor layers = new SafeTarExtractor(ExtractionOptions.forCurrentUser().withInterceptor(whiteouts));
        layers.extract(new ByteArrayInputStream(lower), temp);
        layers.extract(new ByteArrayInputStream(upper), temp);
        assertEquals("k", Files.readString(temp.resolve("etc/keep")));
        assertEquals("n", Files.readString(temp.resolve("etc/new")));
        assertFalse(Files.exists(temp.resolve("etc/drop")));
        assertFalse(Files.exists(temp.resolve("var/cache")));
        assertFalse(Files.exists(temp.resolve("etc/.wh.drop")));
    }

    static String fileType(Path p) throws IOException {
        int m = (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW);
        return switch (m & 0170000) {
            case 0010000 -> "p";
            case 0020000 -> "c";
            case 0060000 -> "b";
            case 0100000 -> "f";
            case 0040000 -> "d";
            case 0120000 -> "l";
            default -> "?";
        };
    }

    /** glibc's makedev, written out independently of the code under test. */
    static final class NativeFilesDev {
        static long makedev(long major, long minor) {
            return (major & 0xfff) << 8 | (major & ~0xfffL) << 32 | (minor & 0xff) | (minor & ~0xffL) << 12;
        }
    }
}
