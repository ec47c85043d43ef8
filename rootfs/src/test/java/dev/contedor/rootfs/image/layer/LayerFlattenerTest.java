package dev.contedor.rootfs.image.layer;

import static dev.contedor.rootfs.image.layer.Layers.CAPABILITY;
import static dev.contedor.rootfs.image.layer.Layers.gid;
import static dev.contedor.rootfs.image.layer.Layers.inode;
import static dev.contedor.rootfs.image.layer.Layers.isOpaque;
import static dev.contedor.rootfs.image.layer.Layers.mode;
import static dev.contedor.rootfs.image.layer.Layers.mtime;
import static dev.contedor.rootfs.image.layer.Layers.permissions;
import static dev.contedor.rootfs.image.layer.Layers.uid;
import static dev.contedor.rootfs.image.layer.Layers.unpack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.host.ProcessCredentials;
import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.TreeSnapshot;
import dev.contedor.rootfs.posix.NativeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flattening overlayfs-format layers, checked against expectations and against a real overlayfs mount. */
class LayerFlattenerTest {
    private static final FileTime OLD = FileTime.from(Instant.parse("2018-07-08T09:10:11Z"));

    @TempDir
    Path temp;

    @BeforeEach
    void needsRoot() {
        assertTrue(ProcessCredentials.isRoot(), "run the tests as root: layers with whiteouts need CAP_MKNOD");
    }

    /** Three layers that use every rule: whiteouts, opaque folders, replacements both ways, links. */
    private List<Path> imageLayers() throws IOException {
        Path base = unpack(temp, "base", TarFixture.posix()
                .dir("./", 0755, OLD)
                .dir("bin/", 0755)
                .file("bin/sh", 0755, "sh")
                .file("bin/su", 04755, "su")
                .file("bin/ping", 0755, "ping".getBytes(), e -> e.addPaxHeader(
                        "LIBARCHIVE.xattr.security.capability", Base64.getEncoder().encodeToString(CAPABILITY)))
                .dir("etc/", 0755)
                .file("etc/passwd", 0644, "root:x:0:0")
                .file("etc/group", 0644, "root:x:0:")
                .file("etc/hosts", 0644, "127.0.0.1 localhost")
                .file("usr/lib/a", 0644, "a")
                .file("usr/lib/sub/b", 0644, "b")
                .file("var/log/old", 0640, "old")
                .dir("dir2file/", 0755).file("dir2file/x", 0644, "x")
                .file("file2dir", 0644, "a file")
                .symlink("link", "/bin/sh")
                .symlink("rel", "bin/sh")
                .dir("dev/", 0755).charDevice("dev/null", 0666, 1, 3)
                .dir("run/", 0755).fifo("run/fifo", 0600)
                .file("hard1", 0644, "shared").hardlink("hard2", "hard1")
                .dir("home/", 0755)
                .dir("home/user/", 0700, OLD)
                .file("home/user/.profile", 0644, "export A=1"));
        Path middle = unpack(temp, "middle", TarFixture.posix()
                .dir("etc/", 0700)
                .file("etc/.wh.hosts", 0644, "")
                .file("etc/passwd", 0600, "root:x:0:0:changed")
                .file("usr/lib/.wh..wh..opq", 0644, "")
                .file("usr/lib/c", 0644, "c")
                .file("var/log/new", 0644, "new")
                .file("dir2file", 0644, "now a file")
                .dir("file2dir/", 0751).file("file2dir/y", 0644, "y")
                .file("opt/only-middle", 0644, "m")
                .dir("lonely/", 0755).file("lonely/.wh.ghost", 0644, "").file("lonely/real", 0644, "r"),
                base);
        Path top = unpack(temp, "top", TarFixture.posix()
                .file("bin/.wh.su", 0644, "")
                .file(".wh.home", 0644, "")
                .dir("home/", 0755).file("home/new", 0644, "new home")
                .dir("dir2file/", 0755).file("dir2file/z", 0644, "z")
                .file(".wh.dev", 0644, "")
                .hardlink("etc/shadow", "etc/passwd")
                .file("newdir/.wh.ghost2", 0644, "")
                .file(".wh.rel", 0644, ""),
                middle, base);
        return List.of(top, middle, base);
    }

    @Test
    void flattenedTreeShowsWhatTheLayersSay() throws IOException {
        Path merged = Files.createDirectory(temp.resolve("merged"));
        LayerFlattener.flatten(imageLayers(), merged);

        Map<String, String> tree = describe(merged);
        assertEquals(Map.ofEntries(
                Map.entry("bin", "d"), Map.entry("bin/sh", "f sh"), Map.entry("bin/ping", "f ping"),
                Map.entry("dir2file", "d"), Map.entry("dir2file/z", "f z"),
                Map.entry("etc", "d"), Map.entry("etc/group", "f root:x:0:"),
                Map.entry("etc/passwd", "f root:x:0:0:changed"), Map.entry("etc/shadow", "f root:x:0:0:changed"),
                Map.entry("file2dir", "d"), Map.entry("file2dir/y", "f y"),
                Map.entry("hard1", "f shared"), Map.entry("hard2", "f shared"),
                Map.entry("home", "d"), Map.entry("home/new", "f new home"),
                Map.entry("link", "l /bin/sh"),
                Map.entry("lonely", "d"), Map.entry("lonely/real", "f r"),
                Map.entry("newdir", "d"),
                Map.entry("opt", "d"), Map.entry("opt/only-middle", "f m"),
                Map.entry("run", "d"), Map.entry("run/fifo", "p"),
                Map.entry("usr", "d"), Map.entry("usr/lib", "d"), Map.entry("usr/lib/c", "f c"),
                Map.entry("var", "d"), Map.entry("var/log", "d"), Map.entry("var/log/new", "f new"),
                Map.entry("var/log/old", "f old")), tree);
        assertEquals(0700, permissions(merged.resolve("etc")), "a folder's attributes come from its topmost layer");
        assertEquals(0600, permissions(merged.resolve("etc/passwd")));
        assertEquals(OLD, mtime(merged), "the root takes the top layer's root, which took the base's");
        assertFalse(isOpaque(merged.resolve("home")), "the flat tree carries no overlayfs marks");
    }

    @Test
    void attributesSurviveTheCopy() throws IOException {
        Path layer = unpack(temp, "layer", TarFixture.posix()
                .dir("./", 0755, OLD)
                .file("su", 04755, "su".getBytes(), e -> {
                    e.setUserId(0);
                    e.setGroupId(0);
                })
                .file("owned", 02640, "data".getBytes(), e -> {
                    e.setUserId(1234);
                    e.setGroupId(5678);
                    e.setModTime(OLD);
                })
                .file("ping", 0755, "ping".getBytes(), e -> e.addPaxHeader(
                        "LIBARCHIVE.xattr.security.capability", Base64.getEncoder().encodeToString(CAPABILITY)))
                .dir("private/", 0700, OLD)
                .dir("tmp/", 01777)
                .symlink("sh", "/bin/busybox", e -> {
                    e.setUserId(42);
                    e.setModTime(OLD);
                })
                .charDevice("tty", 0620, 5, 0)
                .fifo("pipe", 0640)
                .file("a", 0644, "linked").hardlink("b", "a"));
        Path merged = Files.createDirectory(temp.resolve("merged"));

        LayerFlattener.flatten(List.of(layer), merged);

        assertEquals(04755, permissions(merged.resolve("su")));
        assertEquals(02640, permissions(merged.resolve("owned")));
        assertEquals(1234, uid(merged.resolve("owned")));
        assertEquals(5678, gid(merged.resolve("owned")));
        assertEquals(OLD, mtime(merged.resolve("owned")));
        assertArrayEquals(CAPABILITY, NativeFiles.lgetxattr(merged.resolve("ping"), "security.capability"));
        assertEquals(0700, permissions(merged.resolve("private")));
        assertEquals(OLD, mtime(merged.resolve("private")), "a folder's mtime is set after its content");
        assertEquals(01777, permissions(merged.resolve("tmp")));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(merged.resolve("sh")));
        assertEquals(42, uid(merged.resolve("sh")));
        assertEquals(OLD, mtime(merged.resolve("sh")));
        assertEquals(0020620, mode(merged.resolve("tty")));
        assertEquals(5L << 8, Files.getAttribute(merged.resolve("tty"), "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        assertEquals(0010640, mode(merged.resolve("pipe")));
        assertEquals(inode(merged.resolve("a")), inode(merged.resolve("b")), "hard links within a layer stay links");
        assertEquals(0755, permissions(merged));
        assertEquals(OLD, mtime(merged));
    }

    /** A symbolic link is copied as a link: nothing below it is read or written, in any layer. */
    @Test
    void symbolicLinksAreNeverFollowed() throws IOException {
        Path outer = Files.createDirectory(temp.resolve("outer"));
        Files.writeString(outer.resolve("secret"), "host file");
        Path base = unpack(temp, "base", TarFixture.posix()
                .file("etc/passwd", 0644, "image")
                .symlink("lib", outer.toString()));
        Path top = unpack(temp, "top", TarFixture.posix()
                .symlink("etc", outer.toString())
                .dir("lib/", 0755).file("lib/own", 0644, "own"), base);
        Path merged = Files.createDirectory(outer.resolve("merged"));
        Map<String, String> before = TreeSnapshot.of(outer, merged);

        LayerFlattener.flatten(List.of(top, base), merged);

        assertEquals(outer, Files.readSymbolicLink(merged.resolve("etc")));
        assertEquals(Map.of("lib", "d", "lib/own", "f own", "etc", "l " + outer), describe(merged));
        assertEquals(before, TreeSnapshot.of(outer, merged));
    }

    @Test
    void targetMustBeEmptyAndApartFromTheLayers() throws IOException {
        Path layer = unpack(temp, "layer", TarFixture.posix().file("f", 0644, "f"));
        Path full = Files.createDirectory(temp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        IOException notEmpty = assertThrows(IOException.class, () -> LayerFlattener.flatten(List.of(layer), full));
        assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());

        Path inside = Files.createDirectory(layer.resolve("merged"));
        IOException overlap = assertThrows(IOException.class, () -> LayerFlattener.flatten(List.of(layer), inside));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
    }

    /**
     * The definition of right: the same layers mounted with overlayfs (in a private mount
     * namespace, so nothing leaks to the host) list exactly like the flattened tree: names,
     * types, modes, owners, mtimes, device numbers, link targets, contents and capabilities.
     */
    @Test
    void matchesARealOverlayfsMount() throws IOException, InterruptedException {
        String mounted = compareWithOverlayfs(imageLayers());
        assertTrue(mounted.contains("./bin/ping"), mounted);
        if (Files.isExecutable(Path.of("/usr/sbin/getcap"))) {
            assertTrue(mounted.contains("./bin/ping cap_net_raw=ep"), "capabilities are compared too:\n" + mounted);
        }
    }

    /** overlayfs ignores an opaque mark on a layer's root; the unpacker spells such a root out, and both agree. */
    @Test
    void opaqueRootMatchesARealOverlayfsMount() throws IOException, InterruptedException {
        Path base = unpack(temp, "base", TarFixture.posix().file("a", 0644, "a").file("d/x", 0644, "x")
                .symlink("s", "a"));
        Path middle = unpack(temp, "middle", TarFixture.posix().file("b", 0644, "b").file(".wh.s", 0644, ""), base);
        Path top = unpack(temp, "top", TarFixture.posix().file(".wh..wh..opq", 0644, "")
                .dir("d/", 0700).file("d/y", 0644, "y").file("c", 0644, "c"), middle, base);

        String mounted = compareWithOverlayfs(List.of(top, middle, base));
        assertFalse(mounted.contains("./a|"), mounted);
        assertFalse(mounted.contains("./d/x"), mounted);
    }

    /** Flattens the layers and mounts them; the two listings must be equal. Returns the mount's listing. */
    private String compareWithOverlayfs(List<Path> layers) throws IOException, InterruptedException {
        assertTrue(Files.readString(Path.of("/proc/filesystems")).contains("\toverlay\n"), "the kernel has no overlayfs: modprobe overlay");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare is missing: apt-get install util-linux");
        Path merged = Files.createDirectory(temp.resolve("merged"));
        Path mountPoint = Files.createDirectory(temp.resolve("mnt"));

        LayerFlattener.flatten(layers, merged);

        String lowerdir = layers.stream().map(Path::toString).collect(Collectors.joining(":"));
        String mounted = run("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t overlay overlay -o ro,lowerdir=" + lowerdir + " " + mountPoint + " && " + listing(mountPoint));
        String flattened = run("sh", "-c", listing(merged));
        assertEquals(mounted, flattened);
        return mounted;
    }

    /** One line per entry (stat) and per file content (sha256), plus file capabilities, in name order. */
    private static String listing(Path folder) {
        return "cd '" + folder + "' && find . -print0 | sort -z | xargs -0 stat -c '%n|%F|%a|%u:%g|%.9Y|%t:%T|%N'"
                + " && find . -type f -print0 | sort -z | xargs -0 -r sha256sum"
                + " && { getcap -r . 2>/dev/null || true; } | sort";
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    /** Relative path to "d", "f CONTENT", "l TARGET", "p" (fifo), "c" (device). */
    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(p -> !p.equals(root)).toList()) {
                int type = mode(p) & 0170000;
                String description = switch (type) {
                    case 0040000 -> "d";
                    case 0100000 -> "f " + Files.readString(p);
                    case 0120000 -> "l " + Files.readSymbolicLink(p);
                    case 0010000 -> "p";
                    default -> "c";
                };
                tree.put(root.relativize(p).toString(), description);
            }
        }
        return tree;
    }
}
