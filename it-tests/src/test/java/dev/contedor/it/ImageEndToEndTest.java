package dev.contedor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the image tests share: a data folder of the test's own ({@code work/data}, so that
 * no image outlives the test), archives written in {@code work/archives}, and the user's
 * checks ({@code image import} prints the id, {@code image ls --format json} lists it).
 */
abstract class ImageEndToEndTest extends EndToEndTest {
    static final String STORAGE_DRIVER = "CONTEDOR_STORAGE_DRIVER";
    static final ObjectMapper JSON = new ObjectMapper();

    Path data;
    Path archives;

    @BeforeEach
    void ownDataRoot() throws IOException {
        data = work.resolve("data");
        archives = Files.createDirectories(work.resolve("archives"));
        // the default driver unless a test asks for one, whatever the caller's environment says
        contedor = new Contedor(work, data).withEnv(STORAGE_DRIVER, null);
    }

    /** {@code contedor image import FILE [NAME]}: must succeed and print only the id; returns it. */
    String importImage(Path file, String... name) {
        List<String> args = new ArrayList<>(List.of("image", "import", file.toString()));
        args.addAll(List.of(name));
        Contedor.Result r = contedor.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        String id = r.out().strip();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), "image import prints the id alone: " + r);
        return id;
    }

    /** {@code contedor image ls --format json}, parsed. */
    JsonNode imagesJson() {
        return json(contedor.run("image", "ls", "--format", "json"));
    }

    /** The tags of every listed image, by id. */
    List<String> listedTags(JsonNode images, String id) {
        for (JsonNode image : images) {
            if (image.get("Id").asText().equals(id)) {
                List<String> tags = new ArrayList<>();
                image.get("RepoTags").forEach(t -> tags.add(t.asText()));
                return tags;
            }
        }
        throw new AssertionError(id + " is not listed: " + images.toPrettyString());
    }

    static JsonNode json(Contedor.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    /** The container layers in {@code DATA/containers} (none once every run has ended). */
    List<Path> containerLayers() {
        Path root = data.resolve("containers");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> !p.getFileName().toString().equals(".mountpoint")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A container started with {@code -i}, whose stdout can be read line by line while it runs. */
    record Running(Process process, BufferedReader out) {
        static Running start(Contedor contedor, String... args) throws IOException {
            Process p = contedor.start(args);
            return new Running(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }

        String readLine() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("the container ended early: " + Contedor.finish(process, 10));
            }
            return line;
        }

        /** Closes its stdin (its {@code read} returns) and waits for the end; out is what was not read yet. */
        Contedor.Result finish() throws IOException {
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getErrorStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            StringBuilder rest = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                rest.append(line).append('\n');
            }
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError("contedor did not finish within 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Contedor.Result(process.exitValue(), rest.toString(), err.join());
        }
    }
}
