package dev.contedor.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a container gets without asking (issue 10): device control (docker's list; here the
 * host's v1 devices controller, in the cgroup2 guest the eBPF program), {@code --device}, a
 * nodev container layer, read-only /etc files, a default pids limit, private data and state
 * folders, and an image import bounded in size.
 */
class SecurityDefaultsTest extends EndToEndTest {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    /**
     * c 10:229 (/dev/fuse) is outside docker's list, and its open checks no capability, so the
     * EPERM can only be the cgroup's.
     */
    @Test
    void aDefaultContainerCanMakeButNotOpenADeviceOutsideDockersList() {
        Contedor.Result r = contedor.run("run", "--rm", "--", "sh", "-c",
                "mknod /dev/f c 10 229 && echo made; (: < /dev/f) 2>&1 && echo opened || echo refused");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("made", lines.getFirst(), r.toString());
        assertTrue(lines.get(1).contains("Operation not permitted"), r.toString());
        assertEquals("refused", lines.getLast(), r.toString());
    }

    @Test
    void deviceFlagMakesTheNodeAndAllowsItsAccessOnly() {
        Contedor.Result r = contedor.run("run", "--rm", "--device", "/dev/fuse:/dev/fuse-in:r", "--", "sh", "-c",
                "ls -l /dev/fuse-in | cut -c1; (: < /dev/fuse-in) && echo read-ok; (: >> /dev/fuse-in) 2>/dev/null || echo write-refused");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("c", "read-ok", "write-refused"), r.out().lines().toList(), r.toString());
    }

    @Test
    void aBadDeviceFlagIsOneLineExit125() {
        Contedor.Result r = contedor.run("run", "--rm", "--device", "/etc/hostname", "--", "true");
        assertEquals(125, r.exitCode(), r.toString());
        assertEquals(List.of("contedor: --device /etc/hostname: /etc/hostname is not a character or block device"),
                r.errLines(), r.toString());
    }

    @Test
    void theContainerLayerIsNodev() {
        // /dev/null's numbers are allowed by the cgroup: only the mount's nodev refuses the open
        Contedor.Result r = contedor.run("run", "--rm", "--", "sh", "-c",
                "mknod /tmp/null c 1 3 && (: < /tmp/null) 2>&1 || echo refused; grep ' / / ' /proc/self/mountinfo");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Permission denied") && r.out().contains("refused"), r.toString());
        assertTrue(r.out().lines().filter(l -> l.contains(" / / ")).allMatch(l -> l.contains("nodev")), r.toString());
    }

    @Test
    void providedEtcFilesAreReadOnly() {
        Contedor.Result r = contedor.run("run", "--rm", "--", "sh", "-c",
                "for f in hosts hostname resolv.conf; do (echo x >> /etc/$f) 2>/dev/null && echo $f-written || echo $f-refused; done");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("hosts-refused", "hostname-refused", "resolv.conf-refused"), r.out().lines().toList());
    }

    /** A bounded fork bomb: without flags it stops at 2048 tasks (podman's default), and the init's end takes the rest. */
    @Test
    void aForkBombWithoutFlagsStopsAtTheDefaultPidsLimit() throws Exception {
        String parent = "contedor-it-" + UUID.randomUUID().toString().substring(0, 8);
        Process p = contedor.start("run", "--rm", "-i", "--cgroup-parent", parent, "--", "sh", "-c",
                "sh -c 'i=0; while [ $i -lt 3000 ]; do sleep 60 & i=$((i+1)); done' 2>/dev/null; echo ready; read line; true");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        Path folder = containerFolder(parent);
        String max = Files.readString(folder.resolve("pids.max")).strip();
        long tasks = Long.parseLong(Files.readString(folder.resolve("pids.current")).strip());
        try (OutputStream in = p.getOutputStream()) {
            in.write('\n');
        }
        Contedor.Result r = Contedor.finish(p, 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("2048", max);
        assertTrue(tasks <= 2048 && tasks >= 2000, "the default limit was reached and held: " + tasks);
        assertTrue(r.err().contains("refused") && r.err().contains("pids limit (2048)"), r.toString());
    }

    @Test
    void pidsLimitMinusOneIsUnlimited() throws Exception {
        String parent = "contedor-it-" + UUID.randomUUID().toString().substring(0, 8);
        Process p = contedor.start("run", "--rm", "-i", "--pids-limit", "-1", "--cgroup-parent", parent, "--", "sh", "-c",
                "echo ready; read line; true");
        assertEquals("ready", new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine());
        String max = Files.readString(containerFolder(parent).resolve("pids.max")).strip();
        p.getOutputStream().close();
        assertEquals(0, Contedor.finish(p, 30).exitCode());
        assertEquals("max", max);
    }

    /** An older install's world-readable folders are made 0700 by the next run: nobody cannot list them. */
    @Test
    void dataAndStateFoldersArePrivateToRoot() throws Exception {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = work.resolve("data");
        for (Path folder : List.of(data, data.resolve("images"), data.resolve("containers"), data.resolve("rootfs"),
                contedor.stateRoot())) {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(0, asNobody("ls", data.toString()), "a 0755 data folder is listable, as the check below assumes");
        Contedor own = new Contedor(work, data);
        Contedor.Result r = own.run("run", "--rm", "--", "true");
        assertEquals(0, r.exitCode(), r.toString());
        for (Path folder : List.of(data, data.resolve("images"), data.resolve("containers"), data.resolve("rootfs"),
                own.stateRoot())) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), folder.toString());
        }
        assertFalse(asNobody("ls", data.toString()) == 0, "nobody lists " + data);
        assertFalse(asNobody("ls", own.stateRoot().toString()) == 0, "nobody lists " + own.stateRoot());
    }

    /** A .tar.gz of a few KiB holding a 1 GiB sparse file (GNU tar -S): refused at --max-size, the store unchanged. */
    @Test
    void anImportBombIsRefusedAndTheStoreIsUnchanged() throws Exception {
        Path data = work.resolve("import-data");
        Contedor own = new Contedor(work, data);
        Path src = Files.createDirectories(work.resolve("bomb-src"));
        try (var file = new java.io.RandomAccessFile(src.resolve("zeros").toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        Path bomb = work.resolve("bomb.tar.gz");
        Path small = work.resolve("small.tar.gz");
        Path smallSrc = Files.createDirectories(work.resolve("small-src"));
        Files.writeString(smallSrc.resolve("hello"), "hello\n");
        Process smallTar = new ProcessBuilder("sh", "-c", "tar -C " + smallSrc + " -cf - . | gzip > " + small)
                .inheritIO().start();
        assertEquals(0, smallTar.waitFor());
        assertEquals(0, own.run("image", "import", small.toString(), "small").exitCode(), "a store with an image in it");
        Process tar = new ProcessBuilder("sh", "-c", "tar -C " + src + " -cSf - zeros | gzip > " + bomb).inheritIO().start();
        assertEquals(0, tar.waitFor());
        assertTrue(Files.size(bomb) < 64 * 1024, "the bomb is small: " + Files.size(bomb));
        List<String> before = tree(data.resolve("images"));
        Contedor.Result r = own.run("image", "import", "--max-size", "64m", bomb.toString(), "bomb");
        assertEquals(125, r.exitCode(), r.toString());
        assertEquals(List.of("contedor: cannot import " + bomb + ": it unpacks to more than 64.0 MiB, the --max-size"
                + " limit; nothing was imported (give a larger --max-size if the image is really that large)"), r.errLines());
        assertEquals(before, tree(data.resolve("images")), "the store changed");
        assertEquals(1, own.run("image", "ls", "-q").out().lines().count(), "only the first image");
    }

    private static List<String> tree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(root::relativize).map(Path::toString).filter(p -> !p.equals("lock")).sorted().toList();
        }
    }

    private static int asNobody(String... command) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }

    private static Path containerFolder(String parentName) throws IOException {
        Path v1 = CGROUP.resolve("pids").resolve(parentName);
        Path base = Files.isDirectory(v1) ? v1 : CGROUP.resolve(parentName);
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
