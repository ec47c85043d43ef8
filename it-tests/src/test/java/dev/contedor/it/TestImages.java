package dev.contedor.it;

import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.image.fixture.Compression;
import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-to-end tests' image, made from the host's busybox-static as
 * the team's mk-busybox-image.sh harness makes it, in three layers:
 *
 * <ol>
 * <li>busybox with its applet links, {@code /etc} files, {@code /etc/motd} "layer 0",
 * {@code /data/keep.txt}, {@code /data/gone.txt}, {@code /opaque/lower-a},
 * {@code /opaque/sub/lower-c}, {@code /olddir/file};</li>
 * <li>{@code /data/.wh.gone.txt} (deletes gone.txt), {@code /opaque/.wh..wh..opq} (hides lower-a
 * and sub) with {@code /opaque/upper-own}, {@code /data/from-1.txt},
 * {@code /data/doomed-in-2.txt};</li>
 * <li>{@code /.wh.olddir} (a whole folder), {@code /data/.wh.doomed-in-2.txt} (a file of the
 * layer just below), {@code /etc/motd} "layer 2", {@code /opaque/from-2}, and
 * {@code /app/entry.sh}, which prints its arguments, $GREETING, its folder and its ids.</li>
 * </ol>
 *
 * What a container of it must see: {@code ls -A /data} = from-1.txt keep.txt; {@code ls -A
 * /opaque} = from-2 upper-own; no {@code /olddir}; motd "layer 2".
 */
final class TestImages {
    /** Debian's busybox-static as the build fetched it (the distribution's libexec/busybox). */
    static final Path BUSYBOX = Path.of(System.getProperty("contedor.busybox", "../rootfs/target/busybox/busybox"));
    /** What {@code ls -A /data; ls -A /opaque} prints in a container of the three layers. */
    static final List<String> MERGED_LISTING = List.of("from-1.txt", "keep.txt", "from-2", "upper-own");

    static final String ENTRY_SCRIPT = """
            #!/bin/sh
            echo "args=$*"
            echo "greeting=$GREETING"
            echo "pwd=$(pwd)"
            echo "user=$(id -u):$(id -g)"
            """;

    private static byte[] base;
    private static byte[] middle;
    private static byte[] top;

    private TestImages() {
    }

    /** Fails the calling test, naming the fix, when the build's busybox is missing. */
    static void requireBusybox() {
        assertTrue(Files.isExecutable(BUSYBOX), "busybox is missing: it is fetched by the build (build/fetch-busybox.sh)");
    }

    /** Layer 1: busybox and the files the upper layers delete or hide. */
    static synchronized byte[] baseLayer() {
        if (base == null) {
            requireBusybox();
            TarFixture t = TarFixture.posix();
            for (String dir : List.of("bin", "etc", "proc", "sys", "dev", "var", "run", "usr", "data", "opaque",
                    "opaque/sub", "olddir")) {
                t.dir(dir + "/", 0755);
            }
            t.dir("tmp/", 01777).dir("root/", 0700);
            try {
                t.file("bin/busybox", 0755, Files.readAllBytes(BUSYBOX), e -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String applet : applets()) {
                if (!applet.equals("busybox")) {
                    t.symlink("bin/" + applet, "busybox");
                }
            }
            t.symlink("sbin", "bin").symlink("usr/bin", "../bin").symlink("usr/sbin", "../bin");
            t.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n")
                    .file("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n")
                    .file("etc/hosts", 0644, "")
                    .file("etc/resolv.conf", 0644, "")
                    .file("etc/hostname", 0644, "busybox\n")
                    .file("etc/motd", 0644, "layer 0\n")
                    .file("data/keep.txt", 0644, "kept\n")
                    .file("data/gone.txt", 0644, "deleted by layer 1\n")
                    .file("opaque/lower-a", 0644, "hidden by layer 1\n")
                    .file("opaque/sub/lower-c", 0644, "hidden by layer 1\n")
                    .file("olddir/file", 0644, "deleted with its folder by layer 2\n");
            base = t.bytes();
        }
        return base;
    }

    /** Layer 2: a whiteout, an opaque folder with a file of its own, new files. */
    static synchronized byte[] middleLayer() {
        if (middle == null) {
            middle = TarFixture.posix()
                    .dir("data/", 0755)
                    .file("data/.wh.gone.txt", 0644, "")
                    .file("data/from-1.txt", 0644, "layer 1\n")
                    .file("data/doomed-in-2.txt", 0644, "deleted by layer 2\n")
                    .dir("opaque/", 0755)
                    .file("opaque/.wh..wh..opq", 0644, "")
                    .file("opaque/upper-own", 0644, "layer 1\n")
                    .bytes();
        }
        return middle;
    }

    /** Layer 3: a folder of layer 1 and a file of layer 2 deleted, a file replaced, the entry script. */
    static synchronized byte[] topLayer() {
        if (top == null) {
            top = TarFixture.posix()
                    .file(".wh.olddir", 0644, "")
                    .dir("data/", 0755)
                    .file("data/.wh.doomed-in-2.txt", 0644, "")
                    .dir("etc/", 0755)
                    .file("etc/motd", 0644, "layer 2\n")
                    .dir("opaque/", 0755)
                    .file("opaque/from-2", 0644, "layer 2\n")
                    .dir("app/", 0755)
                    .file("app/entry.sh", 0755, ENTRY_SCRIPT)
                    .bytes();
        }
        return top;
    }

    /** The three layers with busybox's own configuration: {@code Cmd ["sh"]} and a PATH. */
    static ImageArchiveFixture busybox(String name) {
        return busybox(name, Compression.NONE, Compression.NONE, Compression.NONE);
    }

    /** The same image (the same config, so the same id), its layers' blobs compressed as given, bottom first. */
    static ImageArchiveFixture busybox(String name, Compression first, Compression second, Compression third) {
        return ImageArchiveFixture.image()
                .layer(baseLayer(), first)
                .layer(middleLayer(), second)
                .layer(topLayer(), third)
                .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .cmd("sh")
                .name(name);
    }

    /**
     * The three layers with a configuration that sets everything: {@code Entrypoint
     * ["/app/entry.sh"]}, {@code Cmd ["default-arg"]}, {@code GREETING=from-image}, working
     * folder {@code /data}, user {@code 1000:1000}.
     */
    static ImageArchiveFixture configured(String name) {
        return ImageArchiveFixture.image()
                .layer(baseLayer())
                .layer(middleLayer())
                .layer(topLayer())
                .entrypoint("/app/entry.sh")
                .cmd("default-arg")
                .env("PATH=/bin:/usr/bin", "GREETING=from-image")
                .workingDir("/data")
                .user("1000:1000")
                .name(name);
    }

    private static List<String> applets() {
        try {
            Process p = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("busybox --list failed: " + out);
            }
            return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
