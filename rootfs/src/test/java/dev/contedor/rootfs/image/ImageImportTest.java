package dev.contedor.rootfs.image;

import static dev.contedor.rootfs.image.StoreTestSupport.content;
import static dev.contedor.rootfs.image.StoreTestSupport.inode;
import static dev.contedor.rootfs.image.StoreTestSupport.isWhiteout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.image.fixture.Compression;
import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each format the store imports, and what it makes of it: configuration, layers, names. */
class ImageImportTest {
    @TempDir
    Path temp;
    StoreTestSupport support;
    ImageStore store;

    @BeforeEach
    void setUp() {
        support = new StoreTestSupport(temp.resolve("data"));
        store = support.store;
    }

    static byte[] baseLayer() {
        return TarFixture.posix()
                .dir("bin/", 0755)
                .file("bin/tool", 04755, "#!/bin/sh\necho tool\n")
                .dir("etc/", 0755)
                .file("etc/os-release", 0644, "ID=fixture\n")
                .file("etc/motd", 0644, "hello\n")
                .bytes();
    }

    static byte[] upperLayer() {
        return TarFixture.posix()
                .dir("etc/", 0755)
                .file("etc/.wh.motd", 0644, "")
                .file("etc/hostname", 0644, "upper\n")
                .bytes();
    }

    static ImageArchiveFixture twoLayerImage(Compression compression) {
        return ImageArchiveFixture.image()
                .layer(baseLayer(), compression)
                .layer(upperLayer(), compression)
                .entrypoint("/bin/tool")
                .cmd("--flag", "value")
                .env("PATH=/bin", "A=b")
                .workingDir("/etc")
                .user("1000:1000")
                .name("example.org/team/app:1.0");
    }

    /** The image's layers are right: bottom has the files, top has its file and the whiteout. */
    private void assertTwoLayerImage(Image image, ImageArchiveFixture fixture) throws IOException {
        assertEquals(fixture.imageId(), image.id());
        assertEquals(fixture.diffIds(), image.diffIds());
        assertEquals(List.of("/bin/tool"), image.config().entrypoint());
        assertEquals(List.of("--flag", "value"), image.config().cmd());
        assertEquals(List.of("PATH=/bin", "A=b"), image.config().env());
        assertEquals(Optional.of("/etc"), image.config().workingDir());
        assertEquals(Optional.of("1000:1000"), image.config().user());
        assertEquals("linux", image.config().os());
        assertEquals(ImageArchiveFixture.hostArchitecture(), image.config().architecture());
        List<Path> folders = store.layerFolders(image);
        assertEquals(2, folders.size());
        Path top = folders.get(0);
        Path bottom = folders.get(1);
        assertEquals(store.root().resolve("layers").resolve(fixture.diffIds().get(1).substring(7)), top);
        assertEquals("upper\n", content(top.resolve("etc/hostname")));
        assertTrue(isWhiteout(top.resolve("etc/motd")), "the whiteout is an overlayfs 0/0 device");
        assertEquals("hello\n", content(bottom.resolve("etc/motd")));
        assertEquals(04755, (Integer) Files.getAttribute(bottom.resolve("bin/tool"), "unix:mode") & 07777);
        // The configuration is stored byte for byte; its sha256 is the id.
        assertTrue(java.util.Arrays.equals(fixture.configBytes(),
                Files.readAllBytes(store.root().resolve("configs/" + image.id() + ".json"))));
        assertTrue(image.size() > 0);
        support.assertTmpEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "GZIP", "ZSTD"})
    void ociLayoutFolder(Compression compression) throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(compression);
        Path layout = fixture.writeOciLayout(temp.resolve("layout"));
        Image image = store.importArchive(layout, Optional.empty(), ImportProgress.NONE);
        assertTwoLayerImage(image, fixture);
        assertEquals(List.of("example.org/team/app:1.0"), image.tags());
    }

    @Test
    void ociLayoutTar() throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(Compression.GZIP);
        Image image = store.importArchive(fixture.writeOciTar(temp.resolve("oci.tar")), Optional.empty(), ImportProgress.NONE);
        assertTwoLayerImage(image, fixture);
        assertEquals(List.of("example.org/team/app:1.0"), image.tags());
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "GZIP", "XZ"})
    void dockerSaveArchiveOfDocker25(Compression outer) throws IOException {
        // Compressed outer archives are spooled, plain ones read in place: both paths.
        ImageArchiveFixture fixture = twoLayerImage(Compression.NONE);
        Path archive = fixture.writeDockerSave(temp.resolve("save.tar"), outer);
        Image image = store.importArchive(archive, Optional.empty(), ImportProgress.NONE);
        assertTwoLayerImage(image, fixture);
        assertEquals(List.of("example.org/team/app:1.0"), image.tags());
    }

    @Test
    void legacyDockerSaveWithManifestAfterTheLayers() throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(Compression.NONE);
        Image image = store.importArchive(fixture.writeDockerSaveLegacy(temp.resolve("legacy.tar"), false), Optional.empty(),
                ImportProgress.NONE);
        assertTwoLayerImage(image, fixture);
    }

    @Test
    void legacyDockerSaveWithManifestFirst() throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(Compression.NONE);
        Image image = store.importArchive(fixture.writeDockerSaveLegacy(temp.resolve("legacy.tar"), true), Optional.empty(),
                ImportProgress.NONE);
        assertTwoLayerImage(image, fixture);
    }

    @Test
    void legacyDockerSaveWithARepeatedLayerLinkedInsideTheArchive() throws IOException {
        byte[] marker = TarFixture.posix().file("marker", 0644, "same").bytes();
        ImageArchiveFixture fixture = ImageArchiveFixture.image().layer(baseLayer()).layer(marker).layer(upperLayer()).layer(marker)
                .name("repeat:1");
        Image image = store.importArchive(fixture.writeDockerSaveLegacy(temp.resolve("legacy.tar"), false), Optional.empty(),
                ImportProgress.NONE);
        assertEquals(4, image.diffIds().size());
        assertEquals(image.diffIds().get(1), image.diffIds().get(3));
        // One folder per distinct layer, the repeat at its upper place.
        List<Path> folders = store.layerFolders(image);
        assertEquals(3, folders.size());
        assertEquals("same", content(folders.getFirst().resolve("marker")));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void plainRootfsTarball(Compression compression) throws IOException {
        byte[] tar = baseLayer();
        Path file = ImageArchiveFixture.writeRootfsTar(tar, compression, temp.resolve("rootfs.tar.something"));
        Image image = store.importArchive(file, Optional.of(ImageReference.parse("mine")), ImportProgress.NONE);
        assertEquals(List.of("sha256:" + ImageArchiveFixture.sha256(tar)), image.diffIds(),
                "the diff id is the sha256 of the uncompressed tar");
        assertEquals(List.of("mine:latest"), image.tags());
        assertEquals(List.of(), image.config().cmd());
        assertEquals(List.of(), image.config().entrypoint());
        assertEquals("linux", image.config().os());
        assertEquals(ImageArchiveFixture.hostArchitecture(), image.config().architecture());
        assertEquals("ID=fixture\n", content(store.layerFolders(image).getFirst().resolve("etc/os-release")));
        assertEquals(image.id(), ImageArchiveFixture.sha256(Files.readAllBytes(store.root().resolve("configs/" + image.id() + ".json"))));
    }

    @Test
    void tarballWithoutATagIsDangling() throws IOException {
        Path file = ImageArchiveFixture.writeRootfsTar(baseLayer(), Compression.GZIP, temp.resolve("r.tgz"));
        Image image = store.importArchive(file, Optional.empty(), ImportProgress.NONE);
        assertEquals(List.of(), image.tags());
    }

    @Test
    void tagArgumentReplacesTheArchiveNames() throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(Compression.GZIP);
        Image image = store.importArchive(fixture.writeOciTar(temp.resolve("oci.tar")),
                Optional.of(ImageReference.parse("renamed:2")), ImportProgress.NONE);
        assertEquals(List.of("renamed:2"), image.tags());
    }

    @Test
    void ociLayoutNamingOnlyATagGivesNoNameUnlessTheArgumentDoes() throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(Compression.GZIP).bareTagAnnotation();
        Path layout = fixture.writeOciLayout(temp.resolve("layout"));
        assertEquals(List.of(), store.importArchive(layout, Optional.empty(), ImportProgress.NONE).tags());
        assertEquals(List.of("named:1.0"),
                store.importArchive(layout, Optional.of(ImageReference.parse("named:1.0")), ImportProgress.NONE).tags());
    }

    @Test
    void tagMovedFromAnotherImageLeavesThatOneDangling() throws IOException {
        Path first = ImageArchiveFixture.writeRootfsTar(baseLayer(), Compression.NONE, temp.resolve("a.tar"));
        Path second = ImageArchiveFixture.writeRootfsTar(upperLayer(), Compression.NONE, temp.resolve("b.tar"));
        Image a = store.importArchive(first, Optional.of(ImageReference.parse("app:1")), ImportProgress.NONE);
        Image b = store.importArchive(second, Optional.of(ImageReference.parse("app:1")), ImportProgress.NONE);
        assertEquals(List.of("app:1"), b.tags());
        assertEquals(List.of(), store.require(a.id()).tags());
        assertEquals(b.id(), store.require("app:1").id());
    }

    @Test
    void layersAlreadyStoredAreNotUnpackedAgain() throws IOException {
        ImageArchiveFixture first = ImageArchiveFixture.image().layer(baseLayer(), Compression.GZIP).name("one:1");
        Image one = store.importArchive(first.writeOciTar(temp.resolve("one.tar")), Optional.empty(), ImportProgress.NONE);
        Path shared = store.layerFolders(one).getFirst();
        long inodeBefore = inode(shared.resolve("etc/os-release"));
        ImageArchiveFixture second = ImageArchiveFixture.image().layer(baseLayer(), Compression.GZIP)
                .layer(upperLayer(), Compression.GZIP).name("two:1");
        Image two = store.importArchive(second.writeOciTar(temp.resolve("two.tar")), Optional.empty(), ImportProgress.NONE);
        assertEquals(shared, store.layerFolders(two).get(1));
        assertEquals(inodeBefore, inode(shared.resolve("etc/os-release")), "the shared layer was not rewritten");
        assertEquals(2, store.list().size());
    }

    @Test
    void importingTheSameImageTwiceStoresItOnceAndKeepsItsFirstDate() throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(Compression.ZSTD);
        Path layout = fixture.writeOciLayout(temp.resolve("layout"));
        Image first = store.importArchive(layout, Optional.empty(), ImportProgress.NONE);
        Image again = store.importArchive(layout, Optional.of(ImageReference.parse("also:here")), ImportProgress.NONE);
        assertEquals(first.id(), again.id());
        assertEquals(first.created(), again.created());
        assertEquals(List.of("also:here", "example.org/team/app:1.0"), again.tags());
        assertEquals(1, store.list().size());
    }

    @Test
    void ociIndexWithSeveralPlatformsPicksTheHost() throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(Compression.GZIP);
        Path layout = fixture.writeOciLayout(temp.resolve("layout"));
        OciIndexes.wrapInPlatformIndex(layout, "linux", ImageArchiveFixture.hostArchitecture(), "s390x");
        Image image = store.importArchive(layout, Optional.empty(), ImportProgress.NONE);
        assertEquals(fixture.imageId(), image.id());
        assertEquals(List.of("example.org/team/app:1.0"), image.tags());
    }

    @Test
    void progressCountsTheSourceBytes() throws IOException {
        Path file = ImageArchiveFixture.writeRootfsTar(baseLayer(), Compression.GZIP, temp.resolve("r.tgz"));
        List<String> events = new ArrayList<>();
        store.importArchive(file, Optional.empty(), new ImportProgress() {
            @Override
            public void started(String what, long totalBytes) {
                events.add("started " + totalBytes);
            }

            @Override
            public void advanced(long bytesSoFar) {
                events.add("advanced " + bytesSoFar);
            }

            @Override
            public void finished() {
                events.add("finished");
            }
        });
        long size = Files.size(file);
        assertEquals(List.of("started " + size, "advanced " + size, "finished"), events);
    }

    @Test
    void layerFoldersAreExactlyTheLayerTrees() throws IOException {
        ImageArchiveFixture fixture = twoLayerImage(Compression.NONE);
        Image image = store.importArchive(fixture.writeOciLayout(temp.resolve("l")), Optional.empty(), ImportProgress.NONE);
        for (Path folder : store.layerFolders(image)) {
            try (var names = Files.list(folder)) {
                List<String> top = names.map(p -> p.getFileName().toString()).sorted().toList();
                assertFalse(top.stream().anyMatch(n -> n.endsWith(".json")), "nothing but the tree: " + top);
            }
            assertTrue(Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS));
        }
    }
}
