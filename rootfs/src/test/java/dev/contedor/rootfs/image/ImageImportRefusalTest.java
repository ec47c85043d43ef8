package dev.contedor.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.image.fixture.ArchiveWriter;
import dev.contedor.rootfs.image.fixture.Compression;
import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and hostile sources: each is refused with a message naming what is wrong, and the
 * store is left exactly as it was (no layer, no record, no staging leftovers).
 */
class ImageImportRefusalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where docker's legacy format keeps a layer. */
    private static final String LAYER_TAR = "5f".repeat(32) + "/layer.tar";

    @TempDir
    Path temp;
    StoreTestSupport support;
    ImageStore store;

    @BeforeEach
    void setUp() throws IOException {
        support = new StoreTestSupport(temp.resolve("data"));
        store = support.store;
        // A store with something in it: a refusal must not disturb what is there.
        store.importArchive(ImageArchiveFixture.writeRootfsTar(
                TarFixture.posix().file("already", 0644, "here").bytes(), Compression.GZIP, temp.resolve("first.tgz")),
                Optional.of(ImageReference.parse("first")), ImportProgress.NONE);
    }

    private void assertRefused(Path source, String... fragments) throws IOException {
        support.assertRefusedLeavingStoreAlone(() -> store.importArchive(source, Optional.empty(), ImportProgress.NONE), fragments);
        assertEquals(1, store.list().size());
    }

    private static ImageArchiveFixture image() {
        return ImageArchiveFixture.image()
                .layer(ImageImportTest.baseLayer())
                .layer(ImageImportTest.upperLayer())
                .name("victim:1");
    }

    @Test
    void ociBlobNotMatchingItsDigestIsRefusedNamingIt() throws IOException {
        ImageArchiveFixture fixture = image().corruptLayerBlob(1);
        Path layout = fixture.writeOciLayout(temp.resolve("layout"));
        assertRefused(layout, "layer 2 of 2", "does not match its digest", "nothing was imported");
    }

    @Test
    void ociTarBlobNotMatchingItsDigestIsRefused() throws IOException {
        assertRefused(image().corruptLayerBlob(0).writeOciTar(temp.resolve("oci.tar")), "layer 1 of 2", "does not match its digest");
    }

    @Test
    void layerNotMatchingItsDiffIdIsRefused() throws IOException {
        ImageArchiveFixture fixture = ImageArchiveFixture.image().layer(ImageImportTest.baseLayer(), Compression.GZIP)
                .layer(ImageImportTest.upperLayer(), Compression.GZIP).wrongDiffId(1);
        assertRefused(fixture.writeOciLayout(temp.resolve("layout")), "layer 2 of 2", "diff id", fixture.diffIds().get(1));
    }

    @Test
    void legacyDockerLayerNotMatchingItsDiffIdIsRefused() throws IOException {
        assertRefused(image().corruptLayerBlob(0).writeDockerSaveLegacy(temp.resolve("legacy.tar"), false),
                "layer 1 of 2", "/layer.tar", "diff id");
    }

    @Test
    void legacyDockerConfigNotMatchingItsNameIsRefused() throws IOException {
        ImageArchiveFixture fixture = image();
        byte[] config = fixture.configBytes();
        String wrongName = "0".repeat(64) + ".json";
        ArchiveWriter archive = new ArchiveWriter()
                .file(wrongName, config)
                .file("manifest.json", ("[{\"Config\":\"" + wrongName + "\",\"RepoTags\":[\"x:1\"],\"Layers\":[]}]").getBytes());
        assertRefused(archive.writeTar(temp.resolve("config.tar"), Compression.NONE), wrongName, "does not match its digest");
    }

    @Test
    void dockerManifestPathClimbingOutOfTheArchiveIsRefused() throws IOException {
        assertRefused(dockerArchiveWithLayerPath("../../../etc/passwd").writeTar(temp.resolve("climb.tar"), Compression.NONE),
                "\"../../../etc/passwd\"", "outside the archive");
    }

    @Test
    void dockerManifestAbsolutePathIsRefused() throws IOException {
        assertRefused(dockerArchiveWithLayerPath("/etc/passwd").writeTar(temp.resolve("abs.tar"), Compression.NONE),
                "\"/etc/passwd\"", "outside the archive");
    }

    @Test
    void layerReachedThroughASymlinkLeavingTheArchiveIsRefused() throws IOException {
        ArchiveWriter archive = dockerArchiveWithLayerPath(LAYER_TAR).symlink(LAYER_TAR, "../../../../etc/passwd");
        assertRefused(archive.writeTar(temp.resolve("link.tar"), Compression.NONE), LAYER_TAR, "outside the archive");
    }

    @Test
    void layerReachedThroughAnAbsoluteSymlinkIsRefused() throws IOException {
        ArchiveWriter archive = dockerArchiveWithLayerPath(LAYER_TAR).symlink(LAYER_TAR, "/etc/passwd");
        assertRefused(archive.writeTar(temp.resolve("link.tar"), Compression.GZIP), LAYER_TAR, "/etc/passwd", "outside the archive");
    }

    @Test
    void archiveEntryNamedOutsideTheArchiveIsRefusedNamingIt() throws IOException {
        ImageArchiveFixture fixture = image();
        ArchiveWriter archive = new ArchiveWriter()
                .file("../evil", "x".getBytes())
                .file("manifest.json", "[]".getBytes());
        assertRefused(archive.writeTar(temp.resolve("evil.tar"), Compression.GZIP), "\"../evil\"");
        assertFalse(Files.exists(temp.resolve("evil")));
        assertFalse(fixture.diffIds().isEmpty());
    }

    @Test
    void ociBlobSymlinkedOutsideTheLayoutIsRefusedEvenWithTheRightContent() throws IOException {
        ImageArchiveFixture fixture = image();
        Path layout = fixture.writeOciLayout(temp.resolve("layout"));
        String hex = fixture.diffIds().get(0).substring(7); // uncompressed layers: blob digest = diff id
        Path blob = layout.resolve("blobs/sha256/" + hex);
        Path outside = Files.write(temp.resolve("outside-" + hex), Files.readAllBytes(blob));
        Files.delete(blob);
        Files.createSymbolicLink(blob, outside);
        assertRefused(layout, "blobs/sha256/" + hex, "symbolic link leading outside the layout folder");
    }

    @Test
    void ociBlobSymlinkedInsideTheLayoutIsFine() throws IOException {
        ImageArchiveFixture fixture = image();
        Path layout = fixture.writeOciLayout(temp.resolve("layout"));
        String hex = fixture.diffIds().get(0).substring(7);
        Path blob = layout.resolve("blobs/sha256/" + hex);
        Files.move(blob, layout.resolve("shared-blob"));
        Files.createSymbolicLink(blob, Path.of("../../shared-blob"));
        assertEquals(fixture.imageId(), store.importArchive(layout, Optional.empty(), ImportProgress.NONE).id());
    }

    @Test
    void missingBlobIsRefused() throws IOException {
        ImageArchiveFixture fixture = image();
        Path layout = fixture.writeOciLayout(temp.resolve("layout"));
        String hex = fixture.diffIds().get(1).substring(7);
        Files.delete(layout.resolve("blobs/sha256/" + hex));
        assertRefused(layout, "blobs/sha256/" + hex, "missing");
    }

    @Test
    void nonDistributableLayerIsRefused() throws IOException {
        Path layout = image().writeOciLayout(temp.resolve("layout"));
        rewriteLayerMediaType(layout, "application/vnd.oci.image.layer.nondistributable.v1.tar");
        assertRefused(layout, "non-distributable", "layer 1 of 2");
    }

    @Test
    void unknownLayerMediaTypeIsRefused() throws IOException {
        Path layout = image().writeOciLayout(temp.resolve("layout"));
        rewriteLayerMediaType(layout, "application/vnd.example.strange");
        assertRefused(layout, "application/vnd.example.strange", "layer 1 of 2");
    }

    @Test
    void digestOfAnotherAlgorithmIsRefused() throws IOException {
        Path layout = image().writeOciLayout(temp.resolve("layout"));
        Path index = layout.resolve("index.json");
        Files.writeString(index, Files.readString(index).replaceFirst("\"sha256:[0-9a-f]{64}\"", "\"sha512:" + "ab".repeat(64) + "\""));
        assertRefused(layout, "sha512:", "only sha256");
    }

    @Test
    void hostileLayerEntryIsRefusedNamingItAndNothingIsWrittenOutside() throws IOException {
        byte[] hostile = TarFixture.posix().file("ok", 0644, "fine").file("../../../../escaped", 0644, "bad").bytes();
        ImageArchiveFixture fixture = ImageArchiveFixture.image().layer(ImageImportTest.baseLayer()).layer(hostile, Compression.GZIP);
        assertRefused(fixture.writeOciTar(temp.resolve("hostile.tar")), "../../../../escaped", "layer 2 of 2");
        assertFalse(Files.exists(temp.resolve("escaped")));
        assertFalse(Files.exists(support.dataRoot.resolve("escaped")));
    }

    @Test
    void hostileRootfsTarballIsRefusedNamingTheEntry() throws IOException {
        byte[] hostile = TarFixture.posix().symlink("link", "/etc").file("link/passwd", 0644, "owned").bytes();
        assertRefused(ImageArchiveFixture.writeRootfsTar(hostile, Compression.XZ, temp.resolve("hostile.tar.xz")), "link/passwd");
    }

    @Test
    void imageForAnotherPlatformOnlyIsRefusedNamingThePlatforms() throws IOException {
        Path layout = image().writeOciLayout(temp.resolve("layout"));
        OciIndexes.wrapInPlatformIndex(layout, "linux", "riscv64", "s390x");
        assertRefused(layout, "no image for linux/" + ImageArchiveFixture.hostArchitecture(), "linux/riscv64", "linux/s390x");
    }

    @Test
    void archiveWithSeveralImagesNeedsTheName() throws IOException {
        ImageArchiveFixture a = image();
        ImageArchiveFixture b = ImageArchiveFixture.image().layer(ImageImportTest.upperLayer()).name("other:2");
        Path layoutA = a.writeOciLayout(temp.resolve("layout"));
        Path layoutB = b.writeOciLayout(temp.resolve("layout-b"));
        mergeLayouts(layoutA, layoutB);
        assertRefused(layoutA, "holds 2 images", "victim:1", "other:2", "NAME");
        Image chosen = store.importArchive(layoutA, Optional.of(ImageReference.parse("other:2")), ImportProgress.NONE);
        assertEquals(b.imageId(), chosen.id());
    }

    @Test
    void fileThatIsNoArchiveIsRefused() throws IOException {
        Path junk = Files.writeString(temp.resolve("notes.tar"), "just some text, no tar at all ".repeat(40));
        assertRefused(junk, "notes.tar", "not a tar archive");
    }

    @Test
    void folderThatIsNoLayoutIsRefused() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("plain/etc"));
        assertRefused(folder.getParent(), "not an OCI image layout");
    }

    @Test
    void truncatedTarballIsRefused() throws IOException {
        byte[] tar = TarFixture.posix().file("big", 0644, "x".repeat(200_000)).bytes();
        byte[] gz = Compression.GZIP.compress(tar);
        Path file = Files.write(temp.resolve("cut.tgz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        assertRefused(file, "cut.tgz");
    }

    // ---- helpers ----

    private static ArchiveWriter dockerArchiveWithLayerPath(String layerPath) {
        ImageArchiveFixture fixture = ImageArchiveFixture.image().layer(ImageImportTest.baseLayer());
        byte[] config = fixture.configBytes();
        String configPath = fixture.imageId() + ".json";
        return new ArchiveWriter()
                .file(configPath, config)
                .file("manifest.json", ("[{\"Config\":\"" + configPath + "\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"" + layerPath + "\"]}]")
                        .getBytes());
    }

    /** Sets the media type of the first layer in the layout's manifest (re-digesting the manifest). */
    private static void rewriteLayerMediaType(Path layout, String mediaType) throws IOException {
        ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode descriptor = (ObjectNode) index.get("manifests").get(0);
        Path manifestFile = layout.resolve("blobs/sha256/" + descriptor.get("digest").asText().substring(7));
        ObjectNode manifest = (ObjectNode) JSON.readTree(manifestFile.toFile());
        ((ObjectNode) manifest.get("layers").get(0)).put("mediaType", mediaType);
        byte[] bytes = JSON.writeValueAsBytes(manifest);
        String hex = ImageArchiveFixture.sha256(bytes);
        Files.write(layout.resolve("blobs/sha256/" + hex), bytes);
        descriptor.put("digest", "sha256:" + hex);
        descriptor.put("size", bytes.length);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    /** Copies layout {@code b}'s blobs and index entries into layout {@code a}. */
    private static void mergeLayouts(Path a, Path b) throws IOException {
        try (var blobs = Files.list(b.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                Files.copy(blob, a.resolve("blobs/sha256").resolve(blob.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectNode indexA = (ObjectNode) JSON.readTree(a.resolve("index.json").toFile());
        ObjectNode indexB = (ObjectNode) JSON.readTree(b.resolve("index.json").toFile());
        indexB.get("manifests").forEach(indexA.withArray("manifests")::add);
        Files.write(a.resolve("index.json"), JSON.writeValueAsBytes(indexA));
        assertEquals(2, List.copyOf(JSON.readTree(a.resolve("index.json").toFile()).findValues("digest")).size());
    }
}
