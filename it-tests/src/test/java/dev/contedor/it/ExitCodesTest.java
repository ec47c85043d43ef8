package dev.contedor.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes as docker gives them, each failure one line that says what and why. */
class ExitCodesTest extends EndToEndTest {



    private static void assertOneLine(Contedor.Result r, String... fragments) {
        assertEquals(1, r.errLines().size(), "one line on stderr: " + r);
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "stderr names '" + f + "': " + r);
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void theCommandsExitCodeBecomesContedors() {
        assertEquals(3, contedor.run("run", "--rm", "--", "sh", "-c", "exit 3").exitCode());
        assertEquals(0, contedor.run("run", "--rm", "--", "true").exitCode());
    }

    @Test
    void killedBySignalIs128PlusTheSignal() {
        // the init of a PID namespace cannot be killed from inside it, so share the host's here
        assertEquals(137, contedor.run("run", "--rm", "--pid", "host", "--", "sh", "-c", "kill -9 $$; sleep 5").exitCode());
    }

    @Test
    void missingCommandIs127() {
        Contedor.Result r = contedor.run("run", "--rm", "--", "no-such-command");
        assertEquals(127, r.exitCode());
        assertOneLine(r, "no-such-command", "not found");
    }

    @Test
    void nonExecutableFileIs126() {
        Contedor.Result r = contedor.run("run", "--rm", "--", "/etc/passwd");
        assertEquals(126, r.exitCode());
        assertOneLine(r, "/etc/passwd", "permission denied");
    }

    @Test
    void badOptionIs125() {
        Contedor.Result r = contedor.run("run", "--no-such-option", "--", "true");
        assertEquals(125, r.exitCode());
        assertTrue(r.err().contains("--no-such-option"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void missingRootfsIs125() {
        Contedor.Result r = contedor.run("run", "--rm", "--rootfs", "/no/such/rootfs", "--", "true");
        assertEquals(125, r.exitCode());
        assertOneLine(r, "/no/such/rootfs");
    }

    @Test
    void invalidHostnameIs125() {
        Contedor.Result r = contedor.run("run", "--rm", "--hostname", "x".repeat(70), "--", "true");
        assertEquals(125, r.exitCode());
        assertOneLine(r, "--hostname", "too long");
    }

    @Test
    void aMissingWorkdirIsCreatedAsDockerDoes() {
        Contedor.Result r = contedor.run("run", "--rm", "-w", "/made/by/run", "--", "pwd");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("/made/by/run", r.out().strip());
    }

    @Test
    void aRootfsThatIsNeitherFolderNorTarballIs125() throws IOException {
        Path notRootfs = Files.writeString(work.resolve("notes.txt"), "just text");
        Contedor.Result r = contedor.run("run", "--rm", "--rootfs", notRootfs.toString(), "--", "true");
        assertEquals(125, r.exitCode(), r.toString());
        assertOneLine(r, notRootfs.toString());
    }

    @Test
    void aFailingLaunchStepIsOneLineNamingIt() {
        // the command's working directory cannot be made: /proc/1 belongs to the kernel
        Contedor.Result r = contedor.run("run", "--rm", "-w", "/proc/1/nope", "--", "true");
        assertEquals(125, r.exitCode(), r.toString());
        assertOneLine(r, "mkdir -p /proc/1/nope");
    }

    @Test
    void rootfsFromATarballIsUnpackedOnceAndUsed() throws Exception {
        Path tree = work.resolve("tree");
        Files.createDirectories(tree.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), tree.resolve("bin/busybox"));
        Files.createSymbolicLink(tree.resolve("bin/sh"), Path.of("busybox"));
        Files.writeString(tree.resolve("marker"), "from the tarball\n");
        Path tarball = work.resolve("rootfs.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", tree.toString(), ".").inheritIO().start();
        assertEquals(0, tar.waitFor());
        Contedor.Result r = contedor.run("run", "--rm", "--rootfs", tarball.toString(), "--", "/bin/sh", "-c", "cat /marker");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("from the tarball", r.out().strip());
    }

    @Test
    void hostileTarballIsRefusedWithAClearError() throws Exception {
        Path tarball = work.resolve("evil.tar");
        Path staging = work.resolve("staging");
        Files.createDirectories(staging.resolve("a"));
        Files.writeString(staging.resolve("evil"), "x");
        // GNU tar keeps '../' only with -P; the archive names an entry outside the target
        Process tar = new ProcessBuilder("tar", "-cPf", tarball.toString(), "-C", staging.resolve("a").toString(), "../evil")
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        Contedor.Result r = contedor.run("run", "--rm", "--rootfs", tarball.toString(), "--", "true");
        assertEquals(125, r.exitCode(), r.toString());
        assertTrue(r.err().contains("../evil"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}
