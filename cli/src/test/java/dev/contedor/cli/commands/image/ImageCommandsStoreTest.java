package dev.contedor.cli.commands.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contedor.cli.CliHarness;
import dev.contedor.cli.CliHarness.Result;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image commands against a real store in a temporary data folder (the tests run as root). */
class ImageCommandsStoreTest {
    @TempDir
    Path tmp;
    Path data;
    Path tarball;

    @BeforeEach
    void tinyRootfs() throws IOException {
        data = tmp.resolve("data");
        tarball = tmp.resolve("rootfs.tar");
        try (OutputStream file = Files.newOutputStream(tarball);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            TarArchiveEntry dir = new TarArchiveEntry("bin/");
            dir.setMode(040755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            byte[] content = "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry hello = new TarArchiveEntry("bin/hello");
            hello.setMode(0100755);
            hello.setSize(content.length);
            tar.putArchiveEntry(hello);
            tar.write(content);
            tar.closeArchiveEntry();
        }
    }

    private Result image(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-root", data.toString(), "image"));
        all.addAll(List.of(args));
        return CliHarness.run(all.toArray(String[]::new));
    }

    private String importAs(String name) {
        Result r = name == null ? image("import", tarball.toString()) : image("import", tarball.toString(), name);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("sha256:[0-9a-f]{64}\n"), r.out());
        assertEquals("", r.err(), "no progress bar when not on a terminal");
        return r.out().strip().substring("sha256:".length());
    }

    @Test
    void emptyStoreListsTheHeaderOnly() {
        Result r = image("ls");
        assertEquals(0, r.exit(), r.err());
        assertEquals("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n", r.out());
        assertEquals("[]\n", image("ls", "--format", "json").out());
        assertEquals("", image("ls", "-q").out());
    }

    @Test
    void importedImageIsListedAndInspected() throws Exception {
        String id = importAs("mybase:1.0");

        Result ls = image("ls");
        assertEquals(0, ls.exit(), ls.err());
        List<String> lines = ls.out().lines().toList();
        assertEquals(2, lines.size(), ls.out());
        assertTrue(lines.get(1).matches("mybase +1\\.0 +" + id.substring(0, 12)
                + " +(Less than a second|\\d+ seconds?) ago +\\d+(\\.\\d+)?[kM]?B"), lines.get(1));
        assertEquals(id.substring(0, 12) + "\n", image("list", "--quiet").out());

        JsonNode listed = new ObjectMapper().readTree(image("ls", "--format", "json").out());
        assertEquals("sha256:" + id, listed.get(0).get("Id").asText());
        assertEquals("mybase:1.0", listed.get(0).get("RepoTags").get(0).asText());
        assertEquals(1, listed.get(0).get("Layers").asInt());

        Result inspect = image("inspect", "mybase:1.0");
        assertEquals(0, inspect.exit(), inspect.err());
        JsonNode doc = new ObjectMapper().readTree(inspect.out()).get(0);
        assertEquals("sha256:" + id, doc.get("Id").asText());
        assertEquals("layers", doc.get("RootFS").get("Type").asText());
        assertEquals(1, doc.get("RootFS").get("Layers").size());
        assertEquals("linux", doc.get("Os").asText());
    }

    @Test
    void inspectPrintsWhatItFindsThenFails() throws Exception {
        String id = importAs("mybase:1.0");
        Result r = image("inspect", "mybase:1.0", "nope:1");
        assertEquals(125, r.exit());
        JsonNode docs = new ObjectMapper().readTree(r.out());
        assertEquals(1, docs.size());
        assertEquals("sha256:" + id, docs.get(0).get("Id").asText());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("contedor: ") && r.err().contains("nope:1"), r.err());
    }

    @Test
    void rmGoesOnAfterAFailure() {
        String id = importAs("mybase:1.0");
        Result r = image("rm", "nope:1", "mybase:1.0");
        assertEquals(125, r.exit());
        assertEquals("Untagged: mybase:1.0\nDeleted: sha256:" + id + "\n", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("nope:1"), r.err());
        assertEquals("", image("ls", "-q").out());
    }

    @Test
    void pruneDeletesUntaggedImages() {
        String id = importAs(null);
        assertTrue(image("ls").out().contains("<none>       <none>    " + id.substring(0, 12)), image("ls").out());
        Result r = image("prune");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Deleted Images:\ndeleted: sha256:" + id + "\n\nTotal reclaimed space: "), r.out());
        assertEquals("", image("ls", "-q").out());
        assertEquals("Total reclaimed space: 0B\n", image("prune", "-a").out());
    }
}
