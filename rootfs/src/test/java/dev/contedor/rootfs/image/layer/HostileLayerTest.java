package dev.contedor.rootfs.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.host.ProcessCredentials;
import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.TreeSnapshot;
import dev.contedor.rootfs.extract.TarEntryException;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile layers: the extractor's refusals still hold with the layer format on top, and the
 * layer format's own paths (whiteouts, opaque markers, links into lower layers) cannot be
 * turned outwards. The hostile paths aim at a watched folder that also holds the lower
 * layer, so a write outside the target, or into a lower layer, shows in the snapshot.
 */
class HostileLayerTest {
    @TempDir
    Path temp;

    private Path outer;
    private Path lower;
    private Path target;

    /** A hostile layer given the watched folder; {@code refusedEntry} is the entry the refusal must name. */
    record Case(String refusedEntry, BiFunction<TarFixture, Path, TarFixture> layer) {
    }

    static Stream<Arguments> hostileLayers() {
        return Stream.of(
                Arguments.of("dot-dot", new Case("../x", (t, o) -> t.file("../x", 0644, "pwned"))),
                Arguments.of("absolute", new Case(null, (t, o) -> t.file(o + "/x", 0644, "pwned"))),
                Arguments.of("file through a symlink", new Case("evil/x",
                        (t, o) -> t.symlink("evil", o.toString()).file("evil/x", 0644, "pwned"))),
                Arguments.of("symlink climbing out", new Case("evil",
                        (t, o) -> t.symlink("evil", "../..").file("evil/x", 0644, "pwned"))),
                Arguments.of("whiteout through a symlink", new Case("evil/.wh.outside",
                        (t, o) -> t.symlink("evil", o.toString()).file("evil/.wh.outside", 0644, ""))),
                Arguments.of("whiteout below a symlink", new Case("evil/keep/.wh.file",
                        (t, o) -> t.symlink("evil", o.toString()).file("evil/keep/.wh.file", 0644, ""))),
                Arguments.of("opaque marker through a symlink", new Case("evil/.wh..wh..opq",
                        (t, o) -> t.symlink("evil", o.resolve("keep").toString()).file("evil/.wh..wh..opq", 0644, ""))),
                Arguments.of("folder swapped for a symlink, then a whiteout", new Case("d/.wh.outside",
                        (t, o) -> t.dir("d/", 0755).symlink("d", o.toString()).file("d/.wh.outside", 0644, ""))),
                Arguments.of("whiteout of the parent", new Case("d/.wh..",
                        (t, o) -> t.dir("d/", 0755).file("d/.wh..", 0644, ""))),
                Arguments.of("whiteout of the grandparent", new Case("d/.wh...",
                        (t, o) -> t.dir("d/", 0755).file("d/.wh...", 0644, ""))),
                Arguments.of("hard link to ../outside", new Case("h", (t, o) -> t.hardlink("h", "../outside"))),
                Arguments.of("hard link to an absolute path", new Case("h", (t, o) -> t.hardlink("h", o + "/outside"))),
                Arguments.of("hard link through a lower layer's symlink", new Case("h",
                        (t, o) -> t.hardlink("h", "out/outside"))),
                Arguments.of("hard link to a lower layer's symlink", new Case("h",
                        (t, o) -> t.hardlink("h", "out"))),
                Arguments.of("hard link through this layer's symlink to a lower file", new Case("h",
                        (t, o) -> t.symlink("sub", o.toString()).hardlink("h", "sub/file"))),
                Arguments.of("hard link to a lower folder", new Case("h", (t, o) -> t.hardlink("h", "sub"))));
    }

    @BeforeEach
    void watchedFolder() throws IOException {
        assertTrue(ProcessCredentials.isRoot(), "run the tests as root: whiteouts need CAP_MKNOD");
        outer = Files.createDirectory(temp.resolve("outer"));
        Files.writeString(outer.resolve("outside"), "original");
        Files.createDirectory(outer.resolve("keep"));
        Files.writeString(outer.resolve("keep/file"), "keep");
        // The lower layer lives in the watched folder too: it must never change either.
        lower = Layers.unpack(outer, "lower", TarFixture.posix()
                .symlink("out", outer.toString())
                .dir("sub/", 0755).file("sub/file", 0644, "lower file"));
        target = Files.createDirectory(outer.resolve("target"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLayers")
    void isRefusedAndTouchesNothingOutside(String description, Case c) throws IOException {
        byte[] layer = c.layer().apply(TarFixture.posix().file("benign", 0644, "ok"), outer).bytes();
        Map<String, String> before = TreeSnapshot.of(outer, target);

        TarEntryException e = assertThrows(TarEntryException.class,
                () -> new LayerUnpacker().unpack(new ByteArrayInputStream(layer), target, List.of(lower)));

        assertInstanceOf(UnsafeEntryException.class, e, e.getMessage());
        String expected = c.refusedEntry() != null ? c.refusedEntry() : e.entryName();
        assertEquals(expected, e.entryName());
        assertTrue(e.getMessage().contains("\"" + expected + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(before, TreeSnapshot.of(outer, target), "the folders around the target changed");
        assertEquals(List.of(), xattrsOf(outer.resolve("keep")), "no opaque mark may land outside");
    }

    /**
     * A lower layer's symbolic link is no way out either: overlayfs shows an upper folder over
     * it, so the layer gets a folder of its own; below it the lower layers show nothing, so
     * there is nothing to white out, and the opaque mark lands in the layer.
     */
    @Test
    void markersBelowALowerLayersSymlinkStayInTheLayer() throws IOException {
        Map<String, String> before = TreeSnapshot.of(outer, target);
        byte[] layer = TarFixture.posix().file("out/.wh.outside", 0644, "").file("out/keep/.wh..wh..opq", 0644, "")
                .bytes();

        new LayerUnpacker().unpack(new ByteArrayInputStream(layer), target, List.of(lower));

        assertTrue(Files.isDirectory(target.resolve("out"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(target.resolve("out/outside"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Layers.isOpaque(target.resolve("out/keep")));
        assertEquals(before, TreeSnapshot.of(outer, target));
        assertEquals(List.of(), xattrsOf(outer.resolve("keep")));
    }

    private static List<String> xattrsOf(Path p) throws IOException {
        return Layers.isOpaque(p) ? List.of(Layers.OPAQUE_XATTR) : List.of();
    }
}
