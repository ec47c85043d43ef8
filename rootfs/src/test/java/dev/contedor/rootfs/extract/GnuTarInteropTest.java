package dev.contedor.rootfs.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.rootfs.posix.NativeFiles;
import dev.contedor.host.ProcessCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives written by the host's GNU tar (the tool that makes most rootfs tarballs): sparse
 * files in the old GNU and the PAX encodings, long names, and a file capability written
 * after them, which checks that the raw-xattr tap follows real-world framing.
 */
class GnuTarInteropTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix"})
    void extractsWhatGnuTarWrote(String format) throws Exception {
        assertTrue(ProcessCredentials.isRoot(), "run the tests as root (setcap)");
        assertTrue(onPath("tar") && onPath("setcap"), "needs GNU tar and setcap: apt-get install tar libcap2-bin");
        Path source = Files.createDirectory(temp.resolve("source"));
        Path sparse = source.resolve("sparse.img");
        try (var ch = java.nio.channels.FileChannel.open(sparse,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            // Enough regions that old-GNU sparse needs extension headers (more than 4).
            for (int i = 0; i < 12; i++) {
                ch.write(java.nio.ByteBuffer.wrap(("block" + i).getBytes()), i * 1_048_576L);
            }
        }
        String longName = "dir-" + "x".repeat(120) + "/file-" + "y".repeat(120);
        Files.createDirectories(source.resolve(longName).getParent());
        Files.writeString(source.resolve(longName), "long");
        Path ping = source.resolve("ping");
        Files.writeString(ping, "not really ping");
        run("setcap", "cap_setuid,cap_net_raw+ep", ping.toString());
        byte[] capability = NativeFiles.lgetxattr(ping, "security.capability");
        // The sparse file and long name in the format under test, then (GNU format has no
        // xattrs) the capability in a PAX archive appended with tar -A, so that the raw-xattr
        // tap must follow old-GNU sparse framing (extension headers) to find it.
        Path archive = temp.resolve("a.tar");
        run("tar", "--format=" + format, "--sparse", "-C", source.toString(), "-cf", archive.toString(),
                "sparse.img", longName);
        Path capArchive = temp.resolve("cap.tar");
        run("tar", "--format=posix", "--xattrs", "--xattrs-include=security.capability", "-C", source.toString(),
                "-cf", capArchive.toString(), "ping");
        run("tar", "-Af", archive.toString(), capArchive.toString());
        byte[] firstHeader = java.util.Arrays.copyOf(Files.readAllBytes(archive), 512);
        if (format.equals("gnu")) {
            assertEquals('S', firstHeader[156], "expected an old-GNU sparse entry");
            assertEquals(1, firstHeader[482], "expected sparse extension headers");
        }

        Path root = Files.createDirectory(temp.resolve("root"));
        ExtractionSummary summary;
        try (InputStream in = Files.newInputStream(archive)) {
            summary = new SafeTarExtractor().extract(in, root);
        }
        assertEquals(List.of(), summary.warnings());
        assertArrayEquals(Files.readAllBytes(sparse), Files.readAllBytes(root.resolve("sparse.img")));
        assertEquals("long", Files.readString(root.resolve(longName)));
        assertArrayEquals(capability, NativeFiles.lgetxattr(root.resolve("ping"), "security.capability"));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        if (!onPathStrict(cmd.getFirst())) {
            cmd.set(0, Files.isExecutable(Path.of("/usr/sbin", cmd.getFirst())) ? "/usr/sbin/" + cmd.getFirst() : "/sbin/" + cmd.getFirst());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    private static boolean onPathStrict(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
