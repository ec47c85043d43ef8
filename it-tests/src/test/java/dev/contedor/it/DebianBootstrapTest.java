package dev.contedor.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code contedor image bootstrap debian bookworm}, then a container of it, as the README's
 * example runs it. Needs debootstrap and deb.debian.org (skipped without either); takes a
 * couple of minutes, most of it downloading.
 */
class DebianBootstrapTest extends ImageEndToEndTest {
    private static final String MIRROR_HOST = "deb.debian.org";

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void bootstrapsBookwormAndRunsIt() throws IOException {
        assertTrue(debootstrapInstalled(), "debootstrap is missing: apt-get install debootstrap");
        assertTrue(reachable(MIRROR_HOST, 80), MIRROR_HOST + ":80 cannot be reached: the test bootstraps Debian from it");

        Process p = contedor.start("image", "bootstrap", "debian", "bookworm");
        p.getOutputStream().close();
        Contedor.Result bootstrap = Contedor.finish(p, 15 * 60);
        assertEquals(0, bootstrap.exitCode(), bootstrap.toString());
        String id = bootstrap.out().strip();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), "prints the id alone: " + bootstrap);

        JsonNode images = imagesJson();
        assertEquals(List.of("debian:bookworm"), listedTags(images, id));
        assertEquals(1, images.get(0).get("Layers").asInt());
        JsonNode config = json(contedor.run("image", "inspect", "debian:bookworm")).get(0).get("Config");
        assertEquals("[\"/bin/bash\"]", config.get("Cmd").toString());
        assertEquals("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]", config.get("Env").toString());
        try (Stream<Path> tmp = Files.exists(data.resolve("tmp")) ? Files.list(data.resolve("tmp")) : Stream.empty()) {
            assertEquals(List.of(), tmp.toList(), "debootstrap's work folder is gone");
        }

        Contedor.Result r = contedor.run("run", "--rm", "debian:bookworm", "--", "cat", "/etc/debian_version");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("12\\.\\d+\\n"), "Debian 12.x: " + r);
        Contedor.Result bash = contedor.run("run", "--rm", "debian:bookworm");
        assertEquals(0, bash.exitCode(), "the default command, bash, reads its empty stdin and ends: " + bash);

        Contedor.Result rm = contedor.run("image", "rm", "debian:bookworm");
        assertEquals(0, rm.exitCode(), rm.toString());
        assertEquals("Untagged: debian:bookworm\nDeleted: " + id + "\n", rm.out());
        assertEquals(0, imagesJson().size());
        try (Stream<Path> layers = Files.list(data.resolve("images/layers"))) {
            assertEquals(List.of(), layers.toList(), "its layer went with it");
        }
    }

    private static boolean debootstrapInstalled() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .anyMatch(d -> Files.isExecutable(Path.of(d, "debootstrap")));
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
