package dev.contedor.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contedor.rootfs.image.fixture.Compression;
import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The busybox test image exported in every shape {@code image import} reads: it imports
 * (the id printed, the name listed), runs, and is listed, inspected and removed as a user
 * would check it.
 */
class ImagesTest extends ImageEndToEndTest {
    private static final String SHOW = "cat /etc/motd; ls -A /data | tr '\\n' ' '; echo; id -u";
    /** The name the archives give the image. */
    private static final String NAME = "busybox-it:1.0";

    /** One way to hand the image over. */
    enum Shape {
        ROOTFS_TAR("rootfs.tar"),
        ROOTFS_TAR_GZ("rootfs.tar.gz"),
        ROOTFS_TAR_XZ("rootfs.tar.xz"),
        ROOTFS_TAR_ZST("rootfs.tar.zst"),
        /** docker 25+'s {@code docker save}, uncompressed layers, the whole gzipped ({@code docker save | gzip}). */
        DOCKER_SAVE_GZ("docker-save.tar.gz"),
        /** older docker's: {@code ID/layer.tar}, {@code manifest.json} last. */
        DOCKER_SAVE_LEGACY("docker-save-legacy.tar"),
        /** gzip layers, as registries serve them. */
        OCI_FOLDER("oci-layout"),
        /** one gzip, one zstd and one uncompressed layer. */
        OCI_TAR("oci.tar");

        final String file;

        Shape(String file) {
            this.file = file;
        }

        boolean plainRootfs() {
            return name().startsWith("ROOTFS");
        }

        /** Only the bottom layer for a plain tarball; all three, busybox's config and its name otherwise. */
        Path write(Path folder) throws IOException {
            Path target = folder.resolve(file);
            return switch (this) {
                case ROOTFS_TAR -> ImageArchiveFixture.writeRootfsTar(TestImages.baseLayer(), Compression.NONE, target);
                case ROOTFS_TAR_GZ -> ImageArchiveFixture.writeRootfsTar(TestImages.baseLayer(), Compression.GZIP, target);
                case ROOTFS_TAR_XZ -> {
                    // xz's fastest preset: the fixture's default one takes a second for busybox
                    try (OutputStream out = new XZCompressorOutputStream(Files.newOutputStream(target), 0)) {
                        out.write(TestImages.baseLayer());
                    }
                    yield target;
                }
                case ROOTFS_TAR_ZST -> ImageArchiveFixture.writeRootfsTar(TestImages.baseLayer(), Compression.ZSTD, target);
                case DOCKER_SAVE_GZ -> TestImages.busybox(NAME).writeDockerSave(target, Compression.GZIP);
                case DOCKER_SAVE_LEGACY -> TestImages.busybox(NAME).writeDockerSaveLegacy(target, false);
                case OCI_FOLDER -> TestImages.busybox(NAME, Compression.GZIP, Compression.GZIP, Compression.GZIP)
                        .writeOciLayout(target);
                case OCI_TAR -> TestImages.busybox(NAME, Compression.GZIP, Compression.ZSTD, Compression.NONE)
                        .writeOciTar(target);
            };
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void importsListsAndRuns(Shape shape) throws IOException {
        Path file = shape.write(archives);

        // a plain tarball carries no name: give one; the archives carry busybox-it:1.0
        String tag = shape.plainRootfs() ? "plain:" + shape.name().toLowerCase() : NAME;
        String id = shape.plainRootfs() ? importImage(file, tag) : importImage(file);

        JsonNode images = imagesJson();
        assertEquals(1, images.size(), images.toPrettyString());
        assertEquals(List.of(tag), listedTags(images, id));
        assertEquals(shape.plainRootfs() ? 1 : 3, images.get(0).get("Layers").asInt());
        assertTrue(images.get(0).get("Size").asLong() >= Files.size(TestImages.BUSYBOX), images.toPrettyString());
        if (!shape.plainRootfs()) {
            // layers are named by their uncompressed content: however compressed, the config and so the id are the same
            assertEquals("sha256:" + TestImages.busybox(NAME).imageId(), id, "the id is the sha256 of the image's config");
        }

        Contedor.Result r = contedor.run("run", "--rm", tag, "--", "sh", "-c", SHOW);
        assertEquals(0, r.exitCode(), r.toString());
        List<String> expected = shape.plainRootfs()
                ? List.of("layer 0", "gone.txt keep.txt ", "0")
                : List.of("layer 2", "from-1.txt keep.txt ", "0");
        assertEquals(expected, r.out().lines().toList(), r.toString());
        assertEquals(List.of(), containerLayers(), "the container's layer is removed at exit");
    }

    @Test
    void theNameGivenToImportReplacesTheArchivesNameAndIdsWorkAsReferences() throws IOException {
        String id = importImage(TestImages.busybox(NAME).writeDockerSave(archives.resolve("save.tar"), Compression.NONE), "mine:2");
        assertEquals(List.of("mine:2"), listedTags(imagesJson(), id));

        String hex = id.substring("sha256:".length());
        Contedor.Result r = contedor.run("run", "--rm", hex.substring(0, 12), "--", "cat", "/etc/motd");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("layer 2\n", r.out(), "runs by its short id");
        JsonNode inspected = json(contedor.run("image", "inspect", id, hex, hex.substring(0, 4), "mine:2"));
        assertEquals(4, inspected.size());
        inspected.forEach(doc -> assertEquals(id, doc.get("Id").asText(), "sha256:ID, ID, a 4-digit prefix and the name"));

        Contedor.Result untagged = contedor.run("run", "--rm", NAME, "--", "true");
        assertEquals(125, untagged.exitCode(), "the archive's own name was replaced: " + untagged);

        // image tag: a second name, which runs the same image
        Contedor.Result tag = contedor.run("image", "tag", "mine:2", "other");
        assertEquals(0, tag.exitCode(), tag.toString());
        assertEquals(List.of("mine:2", "other:latest"), listedTags(imagesJson(), id).stream().sorted().toList());
        Contedor.Result byNewName = contedor.run("run", "--rm", "other", "--", "cat", "/etc/motd");
        assertEquals("layer 2\n", byNewName.out(), byNewName.toString());
    }

    @Test
    void inspectShowsTheConfigAndTheLayersDiffIds() throws IOException {
        ImageArchiveFixture image = TestImages.configured("configured:1");
        String id = importImage(image.writeOciLayout(archives.resolve("layout")));

        JsonNode all = json(contedor.run("image", "inspect", "configured:1"));
        assertEquals(1, all.size());
        JsonNode doc = all.get(0);
        assertEquals(id, doc.get("Id").asText());
        assertEquals(List.of("configured:1"), strings(doc.get("RepoTags")));
        JsonNode config = doc.get("Config");
        assertEquals(List.of("/app/entry.sh"), strings(config.get("Entrypoint")));
        assertEquals(List.of("default-arg"), strings(config.get("Cmd")));
        assertEquals(List.of("PATH=/bin:/usr/bin", "GREETING=from-image"), strings(config.get("Env")));
        assertEquals("/data", config.get("WorkingDir").asText());
        assertEquals("1000:1000", config.get("User").asText());
        assertEquals("linux", doc.get("Os").asText());
        assertEquals(ImageArchiveFixture.hostArchitecture(), doc.get("Architecture").asText());
        assertEquals("layers", doc.get("RootFS").get("Type").asText());
        assertEquals(image.diffIds(), strings(doc.get("RootFS").get("Layers")), "bottom first, as the config lists them");

        // the same document by id, and a missing REF among found ones: printed, 125, one line
        Contedor.Result both = contedor.run("image", "inspect", id.substring(7, 19), "nosuch:1");
        assertEquals(125, both.exitCode(), both.toString());
        assertEquals(id, json(new Contedor.Result(0, both.out(), "")).get(0).get("Id").asText());
        assertEquals(1, both.errLines().size(), both.toString());
        assertTrue(both.err().contains("nosuch:1"), both.toString());
    }

    @Test
    void anImageInUseIsNotRemovedThenForceUntagsAndPruneDeletesItOnceUnused() throws IOException {
        String id = importImage(TestImages.busybox("busybox-it:1.0").writeOciTar(archives.resolve("oci.tar")), "inuse:1");
        Running container = Running.start(contedor, "run", "-i", "inuse:1", "--", "sh", "-c", "echo running; read x; echo bye");
        try {
            assertEquals("running", container.readLine());

            Contedor.Result refused = contedor.run("image", "rm", "inuse:1");
            assertEquals(125, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("inuse:1"), "names the image: " + refused);
            assertEquals(List.of("inuse:1"), listedTags(imagesJson(), id), "still there, still tagged");

            Contedor.Result byId = contedor.run("image", "rm", id);
            assertEquals(125, byId.exitCode(), "nor by id: " + byId);

            Contedor.Result forced = contedor.run("image", "rm", "--force", "inuse:1");
            assertEquals(0, forced.exitCode(), forced.toString());
            assertEquals("Untagged: inuse:1\n", forced.out(), "untagged only, as docker does");
            assertEquals(List.of(), listedTags(imagesJson(), id), "listed as <none> while the container runs");

            Contedor.Result pruneWhileUsed = contedor.run("image", "prune", "-a", "-f");
            assertEquals(0, pruneWhileUsed.exitCode(), pruneWhileUsed.toString());
            assertFalse(pruneWhileUsed.out().contains(id), "prune spares what a container uses: " + pruneWhileUsed);
            assertEquals(1, imagesJson().size());

            Contedor.Result end = container.finish();
            assertEquals(0, end.exitCode(), end.toString());
            assertEquals("bye\n", end.out());
        } finally {
            container.process().descendants().forEach(ProcessHandle::destroyForcibly);
            container.process().destroyForcibly();
        }

        Contedor.Result prune = contedor.run("image", "prune");
        assertEquals(0, prune.exitCode(), prune.toString());
        assertTrue(prune.out().startsWith("Deleted Images:\ndeleted: " + id + "\n"), prune.toString());
        assertTrue(prune.out().contains("Total reclaimed space: "), prune.toString());
        assertEquals(0, imagesJson().size());
        assertEquals("", contedor.run("image", "ls", "-q").out());
        try (Stream<Path> layers = Files.list(data.resolve("images/layers"))) {
            assertEquals(List.of(), layers.toList(), "its layers went with it");
        }
    }

    @Test
    void removingByNameDeletesTheImageWithItsLastName() throws IOException {
        String id = importImage(TestImages.busybox("busybox-it:1.0").writeOciTar(archives.resolve("oci.tar")), "gone:1");
        Contedor.Result r = contedor.run("image", "rm", "gone:1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Untagged: gone:1\nDeleted: " + id + "\n", r.out());
        assertEquals(0, imagesJson().size());
        try (Stream<Path> layers = Files.list(data.resolve("images/layers"))) {
            assertEquals(List.of(), layers.toList());
        }
    }

    @Test
    void unknownImagesAreRefusedSayingHowToImportOne() {
        Contedor.Result rm = contedor.run("image", "rm", "nosuch:1");
        assertEquals(125, rm.exitCode(), rm.toString());
        assertEquals(1, rm.errLines().size(), rm.toString());
        assertTrue(rm.err().startsWith("contedor: ") && rm.err().contains("nosuch:1"), rm.toString());

        Contedor.Result run = contedor.run("run", "--rm", "nosuch:2", "--", "true");
        assertEquals(125, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.err().contains("nosuch:2"), run.toString());
        assertTrue(run.err().contains("contedor image import"), "says how to import one: " + run);
        assertEquals(List.of(), containerLayers());

        // a command where docker expects an image: the way to the built-in root is named
        Contedor.Result command = contedor.run("run", "--rm", "sh", "-c", "echo hi");
        assertEquals(125, command.exitCode(), command.toString());
        assertTrue(command.err().contains("contedor run -- sh"), command.toString());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
