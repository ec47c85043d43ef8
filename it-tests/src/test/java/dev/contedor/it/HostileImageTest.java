package dev.contedor.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.TreeSnapshot;
import dev.contedor.rootfs.image.fixture.ArchiveWriter;
import dev.contedor.rootfs.image.fixture.Compression;
import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and damaged archives given to {@code image import}: exit 125, one error line
 * naming the entry or blob, nothing imported ({@code image ls} as before) and nothing
 * written anywhere: the whole folder of the store, the archives and a decoy folder the hostile
 * entries aim at is snapshotted before and after.
 *
 * <p>The hostile entries aim at {@code outside/} beside the store, by absolute path or by enough
 * {@code ..} to climb from wherever the store unpacks, so that an escape lands inside the
 * snapshot. Each hostile entry is in the top layer, so that a layer below was unpacked and
 * must be rolled back.
 */
class HostileImageTest extends ImageEndToEndTest {
    private static final String CLIMB = "../".repeat(40);
    /** A harmless layer, for the archives whose damage is elsewhere. */
    private static final byte[] PLAIN_LAYER = TarFixture.posix().file("plain", 0644, "plain").bytes();

    /** A hostile image: writes its archive in the folder, given the decoy folder; the refusal must say each fragment. */
    record Case(Writer writer, Function<Path, List<String>> fragments) {
    }

    @FunctionalInterface
    interface Writer {
        Path write(Path archives, Path outside) throws IOException;
    }


    /**
     * One store for all the cases: each must leave it exactly as it was, so they can share it
     * (and each refusal is checked against what the ones before it left, which is nothing).
     */
    @TempDir
    static Path shared;
    private static Path outside;
    private static String firstId;

    @BeforeAll
    static void storeWithAnImageAndADecoy() throws IOException {
        outside = Files.createDirectories(shared.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host secret\n");
        Path tarball = ImageArchiveFixture.writeRootfsTar(TarFixture.posix().file("already", 0644, "here").bytes(),
                Compression.GZIP, Files.createDirectories(shared.resolve("archives")).resolve("first.tar.gz"));
        Contedor.Result r = new Contedor(shared, shared.resolve("data")).withEnv(STORAGE_DRIVER, null)
                .run("image", "import", tarball.toString(), "first:1");
        assertEquals(0, r.exitCode(), r.toString());
        firstId = r.out().strip();
    }

    @BeforeEach
    void sharedStore() {
        data = shared.resolve("data");
        archives = shared.resolve("archives");
        contedor = new Contedor(work, data).withEnv(STORAGE_DRIVER, null);
    }

    /** {@code layer 1}: harmless; {@code layer 2}: the given one. */
    private static ImageArchiveFixture twoLayers(byte[] hostile, Compression compression) {
        return ImageArchiveFixture.image()
                .layer(TarFixture.posix().dir("data/", 0755).file("data/keep.txt", 0644, "kept").bytes())
                .layer(hostile, compression)
                .cmd("sh").name("hostile:1");
    }

    private static String rel(Path p) {
        return p.toString().substring(1); // the absolute path without its leading /
    }

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                Arguments.of("'..' in a layer entry name (OCI tar)", new Case(
                        (a, o) -> twoLayers(TarFixture.posix().file(CLIMB + rel(o) + "/pwned", 0644, "x").bytes(), Compression.GZIP)
                                .writeOciTar(a.resolve("dotdot.tar")),
                        o -> List.of(CLIMB + rel(o) + "/pwned", "layer 2 of 2"))),
                Arguments.of("'..' in a plain rootfs .tar.gz", new Case(
                        (a, o) -> ImageArchiveFixture.writeRootfsTar(TarFixture.posix().file("ok", 0644, "ok")
                                .file("a/" + CLIMB + rel(o) + "/pwned", 0644, "x").bytes(), Compression.GZIP, a.resolve("dotdot.tar.gz")),
                        o -> List.of("a/" + CLIMB + rel(o) + "/pwned"))),
                Arguments.of("absolute entry name (docker save)", new Case(
                        (a, o) -> twoLayers(TarFixture.posix().file(o + "/pwned", 0644, "x").bytes(), Compression.NONE)
                                .writeDockerSave(a.resolve("absolute.tar"), Compression.NONE),
                        o -> List.of(o + "/pwned"))),
                Arguments.of("symlink, then a file written through it (OCI folder)", new Case(
                        (a, o) -> twoLayers(TarFixture.posix().symlink("evil", o.toString()).file("evil/pwned", 0644, "x").bytes(),
                                Compression.NONE).writeOciLayout(a.resolve("through-symlink")),
                        o -> List.of("\"evil/pwned\"", "layer 2 of 2"))),
                Arguments.of("symlink, then a file written through it (plain .tar.zst)", new Case(
                        (a, o) -> ImageArchiveFixture.writeRootfsTar(TarFixture.posix().dir("etc/", 0755).symlink("etc/cfg", o.toString())
                                .file("etc/cfg/secret", 0644, "overwritten").bytes(), Compression.ZSTD, a.resolve("through.tar.zst")),
                        o -> List.of("\"etc/cfg/secret\""))),
                Arguments.of("hard link out of the root by '..' (legacy docker save)", new Case(
                        (a, o) -> twoLayers(TarFixture.posix().dir("bin/", 0755).hardlink("bin/stolen", CLIMB + rel(o) + "/secret").bytes(),
                                Compression.NONE).writeDockerSaveLegacy(a.resolve("hardlink.tar"), false),
                        o -> List.of("\"bin/stolen\""))),
                Arguments.of("hard link to an absolute host path (OCI tar)", new Case(
                        (a, o) -> twoLayers(TarFixture.posix().dir("bin/", 0755).hardlink("bin/stolen-abs", o + "/secret").bytes(),
                                Compression.NONE).writeOciTar(a.resolve("hardlink-abs.tar")),
                        o -> List.of("\"bin/stolen-abs\""))),
                Arguments.of("relative symlink climbing out of the root (OCI tar)", new Case(
                        (a, o) -> twoLayers(TarFixture.posix().dir("data/", 0755).symlink("data/up", "../../" + CLIMB + rel(o)).bytes(),
                                Compression.NONE).writeOciTar(a.resolve("climbing.tar")),
                        o -> List.of("\"data/up\""))),
                Arguments.of("a device where only a whiteout file may be (OCI tar)", new Case(
                        (a, o) -> twoLayers(TarFixture.posix().dir("data/", 0755).charDevice("data/.wh.keep.txt", 0644, 1, 3).bytes(),
                                Compression.NONE).writeOciTar(a.resolve("device.tar")),
                        o -> List.of("\"data/.wh.keep.txt\"", "device"))),
                Arguments.of("a layer blob not matching its digest (OCI tar)", new Case(
                        (a, o) -> twoLayers(PLAIN_LAYER, Compression.NONE).corruptLayerBlob(1).writeOciTar(a.resolve("corrupt.tar")),
                        o -> List.of("layer 2 of 2", "sha256:" + plainLayerHex(), "does not match its digest"))),
                Arguments.of("a damaged gzip layer blob (OCI folder)", new Case(
                        (a, o) -> twoLayers(PLAIN_LAYER, Compression.GZIP).corruptLayerBlob(1).writeOciLayout(a.resolve("corrupt-gzip")),
                        o -> List.of("layer 2 of 2", "sha256:" + ImageArchiveFixture.sha256(Compression.GZIP.compress(PLAIN_LAYER))))),
                Arguments.of("a layer not matching its diff id (docker save)", new Case(
                        (a, o) -> twoLayers(PLAIN_LAYER, Compression.GZIP)
                                .wrongDiffId(1).writeDockerSave(a.resolve("diffid.tar"), Compression.NONE),
                        o -> List.of("layer 2 of 2", "diff id", wrongDiffIdOf()))),
                Arguments.of("a manifest naming a layer path with '..' (docker save)", new Case(
                        (a, o) -> dockerArchiveWithLayerPath(CLIMB + rel(o) + "/secret").writeTar(a.resolve("manifest-dotdot.tar"), Compression.NONE),
                        o -> List.of("\"" + CLIMB + rel(o) + "/secret\"", "outside the archive"))),
                Arguments.of("an archive member named with '..' (gzip docker save)", new Case(
                        (a, o) -> new ArchiveWriter().file(CLIMB + rel(o) + "/pwned", "x".getBytes()).file("manifest.json", "[]".getBytes())
                                .writeTar(a.resolve("member-dotdot.tar.gz"), Compression.GZIP),
                        o -> List.of("\"" + CLIMB + rel(o) + "/pwned\""))),
                Arguments.of("an OCI blob symlinked out of the layout folder", new Case(
                        HostileImageTest::layoutWithBlobOutside,
                        o -> List.of("blobs/sha256/" + plainLayerHex(), "outside the layout folder"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void isRefusedNamingTheCulpritAndChangesNothing(String description, Case c) throws IOException {
        Path archive = c.writer().write(archives, outside);
        Map<String, String> before = snapshot();

        Contedor.Result r = contedor.run("image", "import", archive.toString());

        assertEquals(125, r.exitCode(), r.toString());
        assertEquals("", r.out(), "no id printed");
        assertEquals(1, r.errLines().size(), "one line: " + r);
        assertTrue(r.err().startsWith("contedor: "), r.toString());
        for (String fragment : c.fragments().apply(outside)) {
            assertTrue(r.err().contains(fragment), "the error names " + fragment + ":\n" + r.err());
        }
        JsonNode images = imagesJson();
        assertEquals(1, images.size(), "image ls is unchanged: " + images.toPrettyString());
        assertEquals(List.of("first:1"), listedTags(images, firstId));
        assertEquals(before, snapshot(), "nothing changed in the store, the archive's folder or outside");
    }

    /**
     * Everything in the shared folder; only the time of the store's {@code tmp/} folder may
     * change (an import works in a folder of its own in there), not what it holds.
     */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> all = TreeSnapshot.of(shared, null);
        all.computeIfPresent("data/images/tmp", (path, description) -> description.replaceAll(" mtime=\\S+", ""));
        return all;
    }

    // ---- archives the fixture does not make ----

    private static String wrongDiffIdOf() {
        return ImageArchiveFixture.image().layer(new byte[0]).layer(new byte[0]).wrongDiffId(1).diffIds().get(1);
    }

    private static String plainLayerHex() {
        return ImageArchiveFixture.sha256(PLAIN_LAYER);
    }

    /** A valid OCI layout whose (uncompressed) layer blob is a symlink to a copy outside the folder. */
    private static Path layoutWithBlobOutside(Path archives, Path outside) throws IOException {
        Path layout = ImageArchiveFixture.image().layer(PLAIN_LAYER).cmd("sh").writeOciLayout(archives.resolve("blob-outside"));
        Path blob = layout.resolve("blobs/sha256/" + plainLayerHex());
        Path copy = Files.write(outside.resolve("blob-copy"), Files.readAllBytes(blob));
        Files.delete(blob);
        Files.createSymbolicLink(blob, copy);
        return layout;
    }

    /** docker's legacy shape with one layer, at the path given. */
    private static ArchiveWriter dockerArchiveWithLayerPath(String layerPath) {
        ImageArchiveFixture fixture = ImageArchiveFixture.image().layer(PLAIN_LAYER);
        String configPath = fixture.imageId() + ".json";
        return new ArchiveWriter()
                .file(configPath, fixture.configBytes())
                .file("manifest.json", ("[{\"Config\":\"" + configPath + "\",\"RepoTags\":[\"x:1\"],\"Layers\":[\""
                        + layerPath + "\"]}]").getBytes());
    }
}
