package dev.contedor.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.TarFixture;
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

/** Listing, finding, removing and pruning. */
class ImageStoreTest {
    @TempDir
    Path temp;
    StoreTestSupport support;
    ImageStore store;
    int files;

    @BeforeEach
    void setUp() {
        support = new StoreTestSupport(temp.resolve("data"));
        store = support.store;
    }

    /** A one-layer image of a file with the given content. */
    private Image importFile(String content, String name) throws IOException {
        Path tar = ImageArchiveFixture.writeRootfsTar(TarFixture.posix().file("f", 0644, content).bytes(), Compression.NONE,
                temp.resolve("t" + files++ + ".tar"));
        return store.importArchive(tar, Optional.ofNullable(name).map(ImageReference::parse), ImportProgress.NONE);
    }

    /** An image of two layers, the bottom one shared with {@link #importFile}'s {@code "base"}. */
    private Image importOnBase(String content, String name) throws IOException {
        ImageArchiveFixture fixture = ImageArchiveFixture.image()
                .layer(TarFixture.posix().file("f", 0644, "base").bytes())
                .layer(TarFixture.posix().file("g", 0644, content).bytes())
                .name(name);
        return store.importArchive(fixture.writeOciTar(temp.resolve("i" + files++ + ".tar")), Optional.empty(), ImportProgress.NONE);
    }

    private List<String> storedLayers() throws IOException {
        try (var layers = Files.list(store.root().resolve("layers"))) {
            return layers.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void emptyStoreListsNothingAndCreatesNothing() {
        assertEquals(List.of(), store.list());
        assertEquals(Optional.empty(), store.find("busybox"));
        assertFalse(Files.exists(store.root()));
    }

    @Test
    void listIsNewestFirst() throws IOException {
        Image a = importFile("a", "a");
        Image b = importFile("b", "b");
        Image c = importFile("c", null);
        assertEquals(List.of(c.id(), b.id(), a.id()), store.list().stream().map(Image::id).toList());
        assertTrue(c.created().isAfter(b.created()));
        assertEquals(12, a.shortId().length());
        assertTrue(a.id().startsWith(a.shortId()));
    }

    @Test
    void tagGivesAnotherNameAndMovesOneFromAnotherImage() throws IOException {
        Image a = importFile("a", "a:1");
        Image b = importFile("b", "b:1");
        Image tagged = store.tag("a:1", ImageReference.parse("mine:2"));
        assertEquals(a.id(), tagged.id());
        assertEquals(List.of("a:1", "mine:2"), tagged.tags().stream().sorted().toList());
        // the name moves: b gets mine:2, a keeps a:1
        store.tag(b.id().substring(0, 8), ImageReference.parse("mine:2"));
        assertEquals(b.id(), store.find("mine:2").orElseThrow().id());
        assertEquals(List.of("a:1"), store.find(a.id()).orElseThrow().tags());
        assertThrows(ContedorException.class, () -> store.tag("nosuch", ImageReference.parse("x")));
    }

    @Test
    void findsByNameIdDigestAndPrefix() throws IOException {
        Image image = importFile("x", "docker.io/library/busybox:1.36");
        for (String reference : List.of("docker.io/library/busybox:1.36", "busybox:1.36", "library/busybox:1.36", image.id(),
                "sha256:" + image.id(), image.id().substring(0, 4), image.id().substring(0, 12))) {
            assertEquals(image.id(), store.find(reference).map(Image::id).orElse("not found"), reference);
        }
        assertEquals(Optional.empty(), store.find("busybox"), "the tag defaults to latest");
        assertEquals(Optional.empty(), store.find(image.id().substring(0, 3)), "a prefix needs 4 digits");
        assertEquals(Optional.empty(), store.find("nothing:here"));
    }

    @Test
    void shortNameFindsTheDockerHubSpellingAndBack() throws IOException {
        Image image = importFile("x", "alpine");
        assertEquals(image.id(), store.require("docker.io/library/alpine:latest").id());
        assertEquals(image.id(), store.require("index.docker.io/library/alpine").id());
        assertEquals(Optional.empty(), store.find("example.org/alpine"));
    }

    @Test
    void ambiguousPrefixIsRefusedNamingTheCandidates() throws IOException {
        // Ids are computable ahead (the config of a tarball import is deterministic): find two
        // contents whose ids share 4 hex digits (a few hundred tries, by the birthday bound).
        java.util.Map<String, String> contentByPrefix = new java.util.HashMap<>();
        String[] pair = null;
        for (int i = 0; pair == null; i++) {
            String content = "content " + i;
            String earlier = contentByPrefix.putIfAbsent(expectedId(content).substring(0, 4), content);
            if (earlier != null) {
                pair = new String[] {earlier, content};
            }
        }
        Image first = importFile(pair[0], null);
        Image second = importFile(pair[1], null);
        String prefix = first.id().substring(0, 4);
        assertEquals(prefix, second.id().substring(0, 4));
        ContedorException e = assertThrows(ContedorException.class, () -> store.find(prefix));
        assertTrue(e.getMessage().contains("ambiguous") && e.getMessage().contains("give more digits"), e.getMessage());
        assertTrue(e.getMessage().contains(first.shortId()) && e.getMessage().contains(second.shortId()), e.getMessage());
        assertThrows(ContedorException.class, () -> store.find("sha256:" + prefix));
        assertEquals(first.id(), store.require(commonPrefix(first.id(), second.id()) + first.id().charAt(
                commonPrefix(first.id(), second.id()).length())).id());
    }

    /** The id {@link #importFile} gives an image of {@code content}. */
    private static String expectedId(String content) {
        byte[] tar = TarFixture.posix().file("f", 0644, content).bytes();
        byte[] config = dev.contedor.rootfs.image.format.ConfigWriter.write(ImageConfig.empty(),
                List.of(new dev.contedor.rootfs.image.format.Digest(ImageArchiveFixture.sha256(tar))));
        return ImageArchiveFixture.sha256(config);
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    @Test
    void requireSaysWhatToDo() {
        ContedorException e = assertThrows(ContedorException.class, () -> store.require("ghost:1"));
        assertEquals("unknown image ghost:1: see `contedor image ls`; import one with `contedor image import FILE ghost:1`",
                e.getMessage());
    }

    @Test
    void removeByTagUntagsAndDeletesWithTheLastTag() throws IOException {
        Image image = importFile("x", "app:1");
        store.importArchive(Files.list(temp).filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow(),
                Optional.of(ImageReference.parse("app:2")), ImportProgress.NONE);
        RemovalResult first = store.remove("app:1", false);
        assertEquals(new RemovalResult(List.of("app:1"), List.of(), 0), first);
        assertEquals(List.of("app:2"), store.require(image.id()).tags());
        RemovalResult second = store.remove("app:2", false);
        assertEquals(List.of("app:2"), second.untagged());
        assertEquals(List.of(image.id()), second.deletedImageIds());
        assertEquals(1, second.reclaimedBytes());
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), storedLayers());
        assertFalse(Files.exists(store.root().resolve("configs/" + image.id() + ".json")));
    }

    @Test
    void removeByIdWithSeveralTagsNeedsForce() throws IOException {
        Image image = importFile("x", "app:1");
        store.importArchive(temp.resolve("t0.tar"), Optional.of(ImageReference.parse("app:2")), ImportProgress.NONE);
        ContedorException refused = assertThrows(ContedorException.class, () -> store.remove(image.shortId(), false));
        assertTrue(refused.getMessage().contains("app:1, app:2") && refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(2, store.require(image.id()).tags().size());
        RemovalResult forced = store.remove(image.shortId(), true);
        assertEquals(List.of("app:1", "app:2"), forced.untagged());
        assertEquals(List.of(image.id()), forced.deletedImageIds());
        assertEquals(List.of(), store.list());
    }

    @Test
    void removeKeepsLayersOtherImagesUse() throws IOException {
        Image base = importFile("base", "base");
        Image derived = importOnBase("top", "derived:1");
        assertEquals(2, storedLayers().size());
        RemovalResult removed = store.remove("derived:1", false);
        assertEquals(List.of(derived.id()), removed.deletedImageIds());
        assertEquals(3, removed.reclaimedBytes(), "only the top layer's file");
        assertEquals(List.of(base.diffIds().getFirst().substring(7)), storedLayers());
        assertEquals("base", Files.readString(store.layerFolders(store.require("base")).getFirst().resolve("f")));
    }

    @Test
    void imageInUseIsNotRemovedAndForceOnlyUntagsIt() throws IOException {
        Image image = importFile("x", "busy:1");
        support.inUse.add(image.id());
        ContedorException refused = assertThrows(ContedorException.class, () -> store.remove("busy:1", false));
        assertTrue(refused.getMessage().contains("running container") && refused.getMessage().contains("--force"),
                refused.getMessage());
        ContedorException byId = assertThrows(ContedorException.class, () -> store.remove(image.id(), false));
        assertTrue(byId.getMessage().contains("running container"), byId.getMessage());
        assertEquals(List.of("busy:1"), store.require(image.id()).tags());

        RemovalResult forced = store.remove("busy:1", true);
        assertEquals(new RemovalResult(List.of("busy:1"), List.of(), 0), forced);
        assertEquals(List.of(), store.require(image.id()).tags());
        assertEquals(1, store.layerFolders(store.require(image.id())).size(), "its layers stay mounted");
        // Prune does not take it either while the container runs...
        assertEquals(List.of(), store.prune(true).deletedImageIds());
        // ...and does once it is gone.
        support.inUse.clear();
        assertEquals(List.of(image.id()), store.prune(false).deletedImageIds());
    }

    @Test
    void usedByAnotherNameItIsOnlyUntaggedEvenInUse() throws IOException {
        Image image = importFile("x", "busy:1");
        store.importArchive(temp.resolve("t0.tar"), Optional.of(ImageReference.parse("busy:2")), ImportProgress.NONE);
        support.inUse.add(image.id());
        assertEquals(List.of("busy:1"), store.remove("busy:1", false).untagged());
        assertEquals(List.of("busy:2"), store.require(image.id()).tags());
    }

    @Test
    void removeOfAnUnknownImageSaysSo() {
        ContedorException e = assertThrows(ContedorException.class, () -> store.remove("ghost", false));
        assertTrue(e.getMessage().startsWith("unknown image ghost"), e.getMessage());
    }

    @Test
    void pruneRemovesDanglingImagesAndTheirLayersOnly() throws IOException {
        Image kept = importFile("kept", "kept:1");
        Image moved = importFile("old", "app:1");
        Image current = importFile("new", "app:1"); // takes the tag: "old" is dangling
        Image untagged = importFile("none", null);
        support.staleContainers.set(2);
        PruneResult result = store.prune(false);
        assertEquals(List.of(moved.id(), untagged.id()).stream().sorted().toList(), result.deletedImageIds());
        assertEquals(2, result.deletedLayers());
        assertEquals(2, result.staleContainers());
        assertEquals(7, result.reclaimedBytes(), "\"old\" and \"none\"");
        assertEquals(List.of(current.id(), kept.id()), store.list().stream().map(Image::id).toList());
        assertEquals(2, storedLayers().size());
    }

    @Test
    void pruneAllRemovesEveryImageNotInUse() throws IOException {
        Image used = importFile("used", "used:1");
        importFile("idle", "idle:1");
        importOnBase("top", "derived:1");
        support.inUse.add(used.id());
        PruneResult result = store.prune(true);
        assertEquals(2, result.deletedImageIds().size());
        assertEquals(List.of(used.id()), store.list().stream().map(Image::id).toList());
        assertEquals(List.of(used.diffIds().getFirst().substring(7)), storedLayers());
        assertEquals(List.of("used:1"), store.require(used.id()).tags());
    }

    @Test
    void pruneRemovesLeftoversOfInterruptedImportsAndStrayLayers() throws IOException {
        Image image = importFile("x", "x:1");
        Path tmp = store.root().resolve("tmp");
        // What a killed import leaves: a staging folder and a lock file nobody holds, a half-written file.
        Files.createDirectories(tmp.resolve("import-dead/layer-0/etc"));
        Files.writeString(tmp.resolve("import-dead.lock"), "");
        Files.writeString(tmp.resolve("write-123.part"), "half");
        // A layer no image lists (e.g. a removal interrupted before its layers went).
        Path stray = Files.createDirectories(store.root().resolve("layers").resolve("ab".repeat(32)).resolve("usr"));
        PruneResult result = store.prune(false);
        assertEquals(List.of(), result.deletedImageIds());
        assertEquals(1, result.deletedLayers());
        support.assertTmpEmpty();
        assertFalse(Files.exists(stray));
        assertEquals(image.id(), store.require("x:1").id());
        assertEquals(1, store.layerFolders(image).size());
    }

    @Test
    void layerFoldersAreTopFirstAndExist() throws IOException {
        importFile("base", "base");
        Image derived = importOnBase("top", "derived:1");
        List<Path> folders = store.layerFolders(derived);
        assertEquals(List.of(derived.diffIds().get(1).substring(7), derived.diffIds().get(0).substring(7)),
                folders.stream().map(p -> p.getFileName().toString()).toList());
        folders.forEach(f -> assertTrue(Files.isDirectory(f)));
    }

    @Test
    void missingLayerIsReportedWithTheFix() throws IOException {
        Image image = importFile("x", "x:1");
        dev.contedor.rootfs.files.TreeDeleter.delete(store.layerFolders(image).getFirst());
        ContedorException e = assertThrows(ContedorException.class, () -> store.layerFolders(image));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("image rm " + image.shortId()), e.getMessage());
    }

    @Test
    void layerRecordsLiveOutsideTheLayerFolders() throws IOException {
        Image image = importFile("12345", "x:1");
        String hex = image.diffIds().getFirst().substring(7);
        assertTrue(Files.readString(store.root().resolve("layers-meta/" + hex + ".json")).contains("\"size\":5"));
        assertTrue(Files.readString(store.root().resolve("repositories.json")).contains("\"x:1\" : \"" + image.id() + "\""));
        assertTrue(Files.readString(store.root().resolve("images/" + image.id() + ".json")).contains(image.diffIds().getFirst()));
        assertEquals(5, image.size());
    }
}
