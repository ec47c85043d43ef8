package dev.contedor.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release archive that mvn package makes, unpacked into a folder of the test's own, runs
 * on a machine with no JDK: in a mount namespace of its own where an empty folder hides
 * /usr/lib/jvm (the host is left as it was), without JAVA_HOME, with a PATH whose java (if
 * any) leads into the hidden folder.
 */
class ReleaseArchiveTest extends EndToEndTest {
    static final Path ARCHIVE = Path.of(System.getProperty("contedor.releaseArchive",
            "../cli/target/contedor-0.1.0-SNAPSHOT-linux-amd64.tar.gz")).toAbsolutePath().normalize();
    private static final String TOP = ARCHIVE.getFileName().toString().replace("-linux-amd64.tar.gz", "");

    @Test
    void unpackedAnywhereItRunsWithoutAJdk() throws IOException {
        Path unpacked = unpack();
        Path home = unpacked.resolve(TOP);
        for (String part : List.of("bin/contedor", "lib/contedor-cli.jar", "lib/contedor.aot", "lib/jvm.args",
                "libexec/contedor-stage", "libexec/busybox", "runtime/bin/java", "runtime/legal/java.base/LICENSE",
                "share/man/man1/contedor.1", "share/man/man1/contedor-run.1", "share/man/man1/contedor-image-ls.1",
                "share/bash-completion/completions/contedor", "share/doc/contedor/THIRD-PARTY.txt",
                "share/doc/busybox-static/copyright")) {
            assertTrue(Files.exists(home.resolve(part)), "the archive holds " + TOP + "/" + part);
        }

        // the precondition that makes the rest mean something: no java can start in there
        assertNotEquals(0, withoutJdk(List.of("/bin/sh", "-c", "java -version")).exitCode(), "java still runs without /usr/lib/jvm");

        // AOTMode=on makes an AOT cache that does not match the unpacked jars and runtime an error, not a silent slow start
        Contedor.Result version = withoutJdk(List.of(home.resolve("bin/contedor").toString(), "--version"), "JDK_JAVA_OPTIONS=-XX:AOTMode=on");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("contedor "), version.toString());

        List<String> run = new ArrayList<>(contedor.command("run", "--rm", "--", "echo", "ok"));
        run.set(0, home.resolve("bin/contedor").toString());
        Contedor.Result ok = withoutJdk(run);
        assertEquals(0, ok.exitCode(), ok.toString());
        assertEquals("ok\n", ok.out(), ok.toString());
    }

    @Test
    void noFileOfTheArchiveNamesTheCheckout() throws IOException {
        Path home = unpack().resolve(TOP);
        String checkout = ARCHIVE.getParent().getParent().getParent().toString();
        // the AOT cache records its training's paths, which the JVM relocates; jars and the runtime are not made here
        List<Path> made;
        try (Stream<Path> walk = Files.walk(home)) {
            made = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(home.resolve("runtime")) && !p.toString().endsWith(".jar") && !p.toString().endsWith(".aot"))
                    .toList();
        }
        assertTrue(made.size() > 10, "files found: " + made);
        for (Path file : made) {
            // ISO-8859-1 reads any bytes: binaries (the stage, busybox) are searched too
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertTrue(!content.contains(checkout), file + " names the checkout " + checkout);
        }
    }

    private Path unpack() throws IOException {
        assertTrue(Files.isRegularFile(ARCHIVE), "release archive " + ARCHIVE + " missing: mvn package makes it");
        Path into = work.resolve("unpacked");
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", into.toString()).redirectErrorStream(true).start();
        tar.getOutputStream().close();
        Contedor.Result r = Contedor.finish(tar, 60);
        assertEquals(0, r.exitCode(), "tar -xzf " + ARCHIVE + ": " + r);
        return into;
    }

    /** Runs a command where no JDK is: /usr/lib/jvm hidden in a private mount namespace, no JAVA_HOME. */
    private Contedor.Result withoutJdk(List<String> command, String... env) throws IOException {
        Path empty = work.resolve("empty");
        Files.createDirectories(empty);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", "mount --bind \"$0\" /usr/lib/jvm && exec \"$@\"", empty.toString()));
        cmd.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String e : env) {
            builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        Process p = builder.start();
        p.getOutputStream().close();
        return Contedor.finish(p, 120);
    }
}
