package dev.contedor.rootfs.image.bootstrap;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.image.ImageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebianBootstrapTest {
    @TempDir
    Path tmp;

    @Test
    void defaults() {
        DebianBootstrap.Request request = DebianBootstrap.Request.of(null, null, null, null);
        assertEquals("bookworm", request.suite());
        assertEquals("minbase", request.variant());
        assertEquals(URI.create("http://deb.debian.org/debian"), request.mirror());
        assertEquals("debian:bookworm", request.tag().toString());
        assertEquals(List.of("--variant=minbase", "bookworm", "/t", "http://deb.debian.org/debian"),
                request.debootstrapArguments(Path.of("/t")));
    }

    @Test
    void theNameFollowsTheSuiteUnlessGiven() {
        assertEquals("debian:trixie", DebianBootstrap.Request.of("trixie", null, null, null).tag().toString());
        assertEquals("mine/deb:13", DebianBootstrap.Request.of("trixie", null, null, "mine/deb:13").tag().toString());
        assertEquals("mine:latest", DebianBootstrap.Request.of("trixie", null, null, "mine").tag().toString());
    }

    @Test
    void defaultVariantRunsWithoutTheFlag() {
        DebianBootstrap.Request request = DebianBootstrap.Request.of("sid", "default", "https://m.example/debian/", null);
        assertEquals(List.of("sid", "/t", "https://m.example/debian/"), request.debootstrapArguments(Path.of("/t")));
        assertEquals("buildd", DebianBootstrap.Request.of(null, "BuildD", null, null).variant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bookworm", "stable", "sid", "trixie", "oldstable", "Bookworm", "bookworm-backports", "12"})
    void acceptedSuites(String suite) {
        assertEquals(suite, DebianBootstrap.Request.of(suite, null, null, null).suite());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-bookworm", "--help", "book/worm", "../etc", "book worm", "bookworm.1", "b_w", "bookwörm",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void refusedSuites(String suite) {
        ContedorException e = assertThrows(ContedorException.class,
                () -> DebianBootstrap.Request.of(suite, null, null, null));
        assertEquals("bootstrap: invalid suite \"" + suite + "\": give a Debian suite or codename (letters, digits "
                + "and '-', e.g. bookworm, stable, sid)", e.getMessage());
        assertEquals(125, e.exitCode().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fakechroot", "", "minbase,buildd", "--foreign"})
    void refusedVariants(String variant) {
        ContedorException e = assertThrows(ContedorException.class,
                () -> DebianBootstrap.Request.of(null, variant, null, null));
        assertTrue(e.getMessage().startsWith("bootstrap: unknown variant \"" + variant + "\": use minbase, buildd, default"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://deb.debian.org/debian", "https://deb.debian.org/debian/", "file:///srv/mirror/debian",
            "http://10.0.0.1:3142/debian"})
    void acceptedMirrors(String mirror) {
        assertEquals(mirror, DebianBootstrap.Request.of(null, null, mirror, null).mirror().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://ftp.debian.org/debian", "deb.debian.org/debian", "http://", "http:///debian",
            "-http://x", "http://a b/", "mailto:x@y", ""})
    void refusedMirrors(String mirror) {
        ContedorException e = assertThrows(ContedorException.class,
                () -> DebianBootstrap.Request.of(null, null, mirror, null));
        assertTrue(e.getMessage().startsWith("bootstrap: invalid mirror \"" + mirror + "\": give an http://, https:// "
                + "or file:/// URL"), e.getMessage());
    }

    @Test
    void refusedName() {
        ContedorException e = assertThrows(ContedorException.class,
                () -> DebianBootstrap.Request.of(null, null, null, "Debian:12"));
        assertTrue(e.getMessage().startsWith("invalid image name \"Debian:12\""), e.getMessage());
    }

    @Test
    void missingDebootstrapSaysHowToInstallIt() {
        ImageStore store = new ImageStore(tmp.resolve("data"));
        DebianBootstrap bootstrap = new DebianBootstrap(store, name -> Optional.empty(), Optional.empty());
        ContedorException e = assertThrows(ContedorException.class,
                () -> bootstrap.bootstrap(DebianBootstrap.Request.of(null, null, null, null)));
        assertEquals("debootstrap is not installed: apt-get install debootstrap", e.getMessage());
        assertEquals(125, e.exitCode().code());
        assertFalse(Files.exists(tmp.resolve("data")), "nothing is created");
    }

    @Test
    void missingOnAnEmptyPath() {
        DebianBootstrap bootstrap = new DebianBootstrap(new ImageStore(tmp), ExecutableLookup.onPath(""), Optional.empty());
        ContedorException e = assertThrows(ContedorException.class, bootstrap::debootstrap);
        assertEquals("debootstrap is not installed: apt-get install debootstrap", e.getMessage());
    }

    @Test
    void lookupFindsExecutablesOnly() throws IOException {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(a.resolve("tool"), "not executable");
        Path tool = script(b, "tool", "exit 0");
        Files.createDirectory(a.resolve("dir-tool"));
        assertEquals(Optional.of(tool), ExecutableLookup.onPath(a + "::relative:" + b).find("tool"));
        assertEquals(Optional.empty(), ExecutableLookup.onPath(a.toString()).find("tool"));
        assertEquals(Optional.empty(), ExecutableLookup.onPath(a.toString()).find("dir-tool"));
        assertEquals(Optional.empty(), ExecutableLookup.onPath(null).find("tool"));
    }

    @Test
    void failureReportsTheExitCodeAndTheLastLinesAndRemovesTheWorkFolder() throws IOException {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path argsFile = tmp.resolve("args");
        script(bin, "debootstrap", "echo \"$@\" > " + argsFile + "\nfor i in $(seq 1 30); do echo \"I: line $i\"; done\n"
                + "echo 'E: Failed getting release file' >&2\nexit 3");
        ImageStore store = new ImageStore(tmp.resolve("data"));
        DebianBootstrap bootstrap = new DebianBootstrap(store, ExecutableLookup.onPath(bin.toString()), Optional.empty());
        ContedorException e = assertThrows(ContedorException.class,
                () -> bootstrap.bootstrap(DebianBootstrap.Request.of("trixie", null, null, null)));
        String message = e.getMessage();
        assertTrue(message.startsWith("bootstrap trixie: debootstrap failed with exit code 3; its last lines:\n"), message);
        List<String> lines = message.lines().skip(1).toList();
        assertEquals(20, lines.size(), message);
        assertEquals("  I: line 12", lines.getFirst());
        assertEquals("  E: Failed getting release file", lines.getLast());
        String[] args = Files.readString(argsFile).trim().split(" ");
        assertEquals("--variant=minbase", args[0]);
        assertEquals("trixie", args[1]);
        assertTrue(Path.of(args[2]).getFileName().toString().startsWith("bootstrap-"), args[2]);
        assertEquals(tmp.resolve("data/tmp"), Path.of(args[2]).getParent(), "beside the store, not inside it");
        assertEquals("http://deb.debian.org/debian", args[3]);
        assertEquals(List.of(), workFolders(store), "the work folder is removed");
    }

    @Test
    void failureAddsTheEndOfDebootstrapsLog() throws IOException {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        script(bin, "debootstrap", "mkdir -p \"$3/debootstrap\"\n"
                + "for i in $(seq 1 15); do echo \"log $i\" >> \"$3/debootstrap/debootstrap.log\"; done\n"
                + "echo 'W: Failure trying to run: chroot'\nexit 1");
        ImageStore store = new ImageStore(tmp.resolve("data"));
        DebianBootstrap bootstrap = new DebianBootstrap(store, ExecutableLookup.onPath(bin.toString()), Optional.empty());
        String message = assertThrows(ContedorException.class,
                () -> bootstrap.bootstrap(DebianBootstrap.Request.of(null, null, null, null))).getMessage();
        assertTrue(message.contains("\n  W: Failure trying to run: chroot\n debootstrap.log ends with:\n  log 6\n"), message);
        assertTrue(message.endsWith("  log 15"), message);
        assertEquals(List.of(), workFolders(store));
    }

    @Test
    void liveOutputIsStreamedAndNotRepeated() throws IOException {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        script(bin, "debootstrap", "echo 'I: Retrieving InRelease'\necho 'E: no network' >&2\nexit 1");
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ImageStore store = new ImageStore(tmp.resolve("data"));
        DebianBootstrap bootstrap = new DebianBootstrap(store, ExecutableLookup.onPath(bin.toString()),
                Optional.of(new PrintStream(seen, true, StandardCharsets.UTF_8)));
        String message = assertThrows(ContedorException.class,
                () -> bootstrap.bootstrap(DebianBootstrap.Request.of(null, null, null, null))).getMessage();
        assertEquals("I: Retrieving InRelease\nE: no network\n", seen.toString(StandardCharsets.UTF_8));
        assertEquals("bootstrap bookworm: debootstrap failed with exit code 1 (its output is above)", message);
    }

    @Test
    void imageConfigRunsBashWithDebiansPath() {
        var config = DebianBootstrap.imageConfig();
        assertEquals(List.of("/bin/bash"), config.cmd());
        assertEquals(List.of(), config.entrypoint());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), config.env());
        assertEquals("linux", config.os());
    }

    @Test
    void sbinIsAddedToThePath() {
        assertEquals("/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin", DebianBootstrap.withSbin("/usr/bin:/bin"));
        assertEquals("/usr/sbin:/usr/bin:/sbin:/usr/local/sbin", DebianBootstrap.withSbin("/usr/sbin:/usr/bin:/sbin"));
        assertEquals("/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin", DebianBootstrap.withSbin(null));
    }

    static Path script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** What is left in DATA-ROOT/tmp: work folders and their lock files. */
    static List<Path> workFolders(ImageStore store) throws IOException {
        Path tmp = store.root().resolveSibling("tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("bootstrap-")).toList();
        }
    }

    @Test
    void whatAKilledBootstrapLeftIsDeletedByTheNext() throws IOException {
        Path data = tmp.resolve("data");
        Path stale = Files.createDirectories(data.resolve("tmp/bootstrap-dead/usr/bin"));
        Files.writeString(stale.resolve("tool"), "x");
        Files.writeString(data.resolve("tmp/bootstrap-dead.lock"), "");
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        script(bin, "debootstrap", "exit 1");
        ImageStore store = new ImageStore(data);
        DebianBootstrap bootstrap = new DebianBootstrap(store, ExecutableLookup.onPath(bin.toString()), Optional.empty());
        assertThrows(ContedorException.class, () -> bootstrap.bootstrap(DebianBootstrap.Request.of(null, null, null, null)));
        assertEquals(List.of(), workFolders(store));
    }
}
