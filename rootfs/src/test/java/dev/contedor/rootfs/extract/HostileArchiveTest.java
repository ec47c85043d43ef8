package dev.contedor.rootfs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.TreeSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of hostile entry is refused with the entry named, and nothing around the
 * target changes. The hostile paths point into a folder the test watches, so an extractor
 * that obeyed them would be caught by the snapshot, not only by the missing exception.
 */
class HostileArchiveTest {
    @TempDir
    Path temp;

    private Path outer;
    private Path root;

    /** Builds a hostile archive given the watched folder {@code outer}; the refused entry is named by the case. */
    record Case(String refusedEntry, BiFunction<TarFixture, Path, TarFixture> archive) {
    }

    private static final String HOST_ETC_VICTIM = "/etc/contedor-hostile-test-" + UUID.randomUUID();

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                Arguments.of("dot-dot at the start", new Case("../x",
                        (t, o) -> t.file("../x", 0644, "pwned"))),
                Arguments.of("dot-dot inside", new Case("a/../../x",
                        (t, o) -> t.dir("a/", 0755).file("a/../../x", 0644, "pwned"))),
                Arguments.of("absolute into the watched folder", new Case(null,
                        (t, o) -> t.file(o + "/x", 0644, "pwned"))),
                Arguments.of("absolute into /etc", new Case(HOST_ETC_VICTIM,
                        (t, o) -> t.file(HOST_ETC_VICTIM, 0644, "pwned"))),
                Arguments.of("absolute directory", new Case(null,
                        (t, o) -> t.dir(o + "/newdir/", 0755))),
                Arguments.of("file through an absolute symlink to the watched folder", new Case("evil/x",
                        (t, o) -> t.symlink("evil", o.toString()).file("evil/x", 0644, "pwned"))),
                Arguments.of("file through a symlink to /", new Case(null,
                        (t, o) -> t.symlink("evil", "/").file("evil" + o + "/x", 0644, "pwned"))),
                Arguments.of("directory through a symlink", new Case(null,
                        (t, o) -> t.symlink("evil", o.toString()).dir("evil/sub/", 0777))),
                Arguments.of("symlink to ../../..", new Case("evil",
                        (t, o) -> t.symlink("evil", "../../..").file("evil/x", 0644, "pwned"))),
                Arguments.of("symlink to ..", new Case("evil",
                        (t, o) -> t.symlink("evil", "..").file("evil/x", 0644, "pwned"))),
                Arguments.of("nested symlink climbing out", new Case("d/evil",
                        (t, o) -> t.dir("d/", 0755).symlink("d/evil", "../../outside"))),
                Arguments.of("symlink climbing out then back in", new Case("d/evil",
                        (t, o) -> t.dir("d/", 0755).symlink("d/evil", "../../root/d"))),
                Arguments.of("directory swapped for a symlink, then written through", new Case("d/x",
                        (t, o) -> t.dir("d/", 0755).symlink("d", o.toString()).file("d/x", 0644, "pwned"))),
                Arguments.of("hard link to ../outside", new Case("h",
                        (t, o) -> t.hardlink("h", "../outside"))),
                Arguments.of("hard link to an absolute path in the watched folder", new Case("h",
                        (t, o) -> t.hardlink("h", o + "/outside"))),
                Arguments.of("hard link to /etc/passwd", new Case("h",
                        (t, o) -> t.hardlink("h", "/etc/passwd"))),
                Arguments.of("hard link to a file not in the archive", new Case("h",
                        (t, o) -> t.hardlink("h", "outside"))),
                Arguments.of("hard link to a symlink that points out", new Case("h",
                        (t, o) -> t.symlink("s", o + "/outside").hardlink("h", "s"))),
                Arguments.of("hard link through a symlinked parent", new Case("h",
                        (t, o) -> t.symlink("s", o.toString()).hardlink("h", "s/outside"))),
                Arguments.of("hard link to a file later replaced by a symlink", new Case("h",
                        (t, o) -> t.file("f", 0644, "f").symlink("f", o + "/outside").hardlink("h", "f"))),
                Arguments.of("fifo through a symlink", new Case("evil/p",
                        (t, o) -> t.symlink("evil", o.toString()).fifo("evil/p", 0644))));
    }

    @BeforeEach
    void watchedFolder() throws IOException {
        outer = Files.createDirectory(temp.resolve("outer"));
        Files.writeString(outer.resolve("outside"), "original");
        Files.createDirectory(outer.resolve("keep"));
        Files.writeString(outer.resolve("keep/file"), "keep");
        root = Files.createDirectory(outer.resolve("root"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void isRefusedAndTouchesNothingOutside(String description, Case c) throws IOException {
        // A benign first entry: refusal must come mid-archive, not only on an empty target.
        byte[] tar = c.archive().apply(TarFixture.posix().file("benign", 0644, "ok"), outer).bytes();
        Map<String, String> before = TreeSnapshot.of(outer, root);
        boolean etcVictimExisted = Files.exists(Path.of(HOST_ETC_VICTIM), LinkOption.NOFOLLOW_LINKS);

        TarEntryException e = assertThrows(TarEntryException.class,
                () -> new SafeTarExtractor().extract(new ByteArrayInputStream(tar), root));

        assertInstanceOf(UnsafeEntryException.class, e, e.getMessage());
        String expected = c.refusedEntry() != null ? c.refusedEntry() : e.entryName();
        assertEquals(expected, e.entryName());
        assertTrue(e.getMessage().contains("\"" + expected + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(before, TreeSnapshot.of(outer, root), "the folders around the target changed");
        assertEquals("original", Files.readString(outer.resolve("outside")));
        assertFalse(!etcVictimExisted && Files.exists(Path.of(HOST_ETC_VICTIM), LinkOption.NOFOLLOW_LINKS));
    }
}
