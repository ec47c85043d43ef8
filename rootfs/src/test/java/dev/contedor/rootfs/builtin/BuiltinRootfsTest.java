package dev.contedor.rootfs.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.contedor.rootfs.DefaultRootfsProvider;
import dev.contedor.rootfs.extract.SafeTarExtractor;
import dev.contedor.host.ProcessCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinRootfsTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path dataRoot;

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
    }

    private static void assertBaseLayout(Path root) throws IOException {
        for (String dir : List.of("proc", "sys", "dev", "tmp", "etc", "root", "run", "var", "usr/bin")) {
            assertTrue(Files.isDirectory(root.resolve(dir), NOFOLLOW), dir);
        }
        assertEquals(01777, mode(root.resolve("tmp")));
        assertEquals("""
                root:x:0:0:root:/root:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """, Files.readString(root.resolve("etc/passwd")));
        assertEquals("root:x:0:\ntty:x:5:\nnogroup:x:65534:\n", Files.readString(root.resolve("etc/group")));
    }

    /** The busybox the build fetched (Debian's busybox-static), as the distribution ships it. */
    private static Path shippedBusybox() {
        Path busybox = Path.of(System.getProperty("contedor.busybox", "target/busybox/busybox"));
        assertTrue(Files.isExecutable(busybox), busybox + " is missing: the build fetches it (build/fetch-busybox.sh)");
        return busybox;
    }

    @Test
    void withBusyboxTheDefaultRootfsIsBusyboxAndItsApplets() throws Exception {
        BuiltinRootfs recipe = BuiltinRootfs.forThisProcess();
        assertEquals(Optional.of(shippedBusybox()), recipe.busybox(), "the shipped busybox comes first");
        DefaultRootfsProvider provider = new DefaultRootfsProvider();
        Path root = provider.resolve(Optional.empty(), dataRoot);

        assertEquals(dataRoot.resolve("rootfs").resolve(recipe.folderName()).toRealPath(), root);
        assertTrue(recipe.folderName().startsWith("builtin-v2-"), recipe.folderName());
        assertBaseLayout(root);
        Path sh = root.resolve("bin/sh");
        assertTrue(Files.isSymbolicLink(sh));
        assertEquals(root.resolve("bin/busybox").toRealPath(), sh.toRealPath());
        assertTrue(Files.isSymbolicLink(root.resolve("usr/bin/env")), "applets go where busybox lists them");
        assertEquals(root.resolve("bin/busybox").toRealPath(), root.resolve("usr/bin/env").toRealPath());
        assertTrue(Files.size(root.resolve("bin/busybox")) > 100_000);

        Object inode = Files.getAttribute(root.resolve("bin/busybox"), "unix:ino");
        assertEquals(root, provider.resolve(Optional.empty(), dataRoot));
        assertEquals(inode, Files.getAttribute(root.resolve("bin/busybox"), "unix:ino"), "built once, then reused");

        if (ProcessCredentials.isRoot()) {
            assertEquals("hello from Linux\n", ChrootRunner.run(root, "/bin/sh", "-c", "echo hello from $(uname -s)"));
            assertEquals("root\n", ChrootRunner.run(root, "/bin/sh", "-c", "id -un"));
            assertEquals("lo\n", ChrootRunner.run(root, "/bin/sh", "-c",
                    "printf 'a: 1\\n  lo: 2\\n' | tail -n 1 | cut -d: -f1 | tr -d ' '"), "busybox's full applet set");
        }
    }

    @Test
    void aChangedBusyboxGivesANewFolderAndTheSameOneReusesIt() throws Exception {
        Path copy = dataRoot.resolve("busybox");
        Files.copy(shippedBusybox(), copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        BuiltinRootfs recipe = new BuiltinRootfs(Optional.of(copy), List.of());
        assertEquals(Optional.of(copy), recipe.busybox());
        String first = recipe.folderName();
        assertEquals(first, new BuiltinRootfs(Optional.of(copy), List.of()).folderName(), "same source, same folder");

        Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(copy).toMillis() - 60_000));
        assertNotEquals(first, new BuiltinRootfs(Optional.of(copy), List.of()).folderName(),
                "another busybox must not reuse a root built from the old one");
        assertNotEquals(first, new BuiltinRootfs(Optional.empty(), List.of("sh")).folderName(),
                "host tools and busybox roots are different folders");
    }

    @Test
    void withoutBusyboxTheHostToolsAreUsed() throws Exception {
        DefaultRootfsProvider provider = new DefaultRootfsProvider(
                () -> new BuiltinRootfs(Optional.of(dataRoot.resolve("no-busybox-here")), List.of("sh", "ls", "cat", "no-such-tool")),
                SafeTarExtractor::new);
        Path root = provider.resolve(Optional.empty(), dataRoot);
        assertBaseLayout(root);
        for (String tool : List.of("sh", "ls", "cat")) {
            assertTrue(Files.isRegularFile(root.resolve("bin").resolve(tool), NOFOLLOW), tool);
        }
        assertTrue(Files.notExists(root.resolve("bin/no-such-tool")));
        if (ProcessCredentials.isRoot()) {
            String listing = ChrootRunner.run(root, "/bin/sh", "-c", "ls / && cat /etc/group");
            assertTrue(listing.contains("proc") && listing.contains("nogroup:x:65534:"), listing);
        }
    }
}
