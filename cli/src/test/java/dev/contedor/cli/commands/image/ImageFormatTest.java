package dev.contedor.cli.commands.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.ImageConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFormatTest {
    static final String ID_A = "a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824";
    static final String ID_B = "3f57d9401f8d42f986df300f0c69192fc41da28ccc8d797829467780db3dd741";
    static final Instant NOW = Instant.parse("2025-11-29T12:00:00Z");

    static Image image(String id, List<String> tags, Instant created, long size, ImageConfig config, String... layers) {
        return new Image(id, tags, List.of(layers), config, size, created);
    }

    @Test
    void sizesAsDockerShowsThem() {
        assertEquals("0B", ImageFormat.size(0));
        assertEquals("999B", ImageFormat.size(999));
        assertEquals("1kB", ImageFormat.size(1000));
        assertEquals("4.26MB", ImageFormat.size(4_261_000));
        assertEquals("4.2MB", ImageFormat.size(4_200_000));
        assertEquals("77.8MB", ImageFormat.size(77_834_000));
        assertEquals("124MB", ImageFormat.size(123_900_000));
        assertEquals("1.5GB", ImageFormat.size(1_500_000_000L));
        assertEquals("1MB", ImageFormat.size(999_999), "rounding up to 1000 moves to the next unit");
        assertEquals("12.35MB", ImageFormat.reclaimed(12_345_678));
        assertEquals("0B", ImageFormat.reclaimed(0));
    }

    @Test
    void agesAsDockerShowsThem() {
        assertEquals("Less than a second", ImageFormat.humanDuration(Duration.ofMillis(900)));
        assertEquals("Less than a second", ImageFormat.humanDuration(Duration.ofSeconds(-5)));
        assertEquals("1 second", ImageFormat.humanDuration(Duration.ofSeconds(1)));
        assertEquals("59 seconds", ImageFormat.humanDuration(Duration.ofSeconds(59)));
        assertEquals("About a minute", ImageFormat.humanDuration(Duration.ofSeconds(119)));
        assertEquals("5 minutes", ImageFormat.humanDuration(Duration.ofMinutes(5)));
        assertEquals("59 minutes", ImageFormat.humanDuration(Duration.ofMinutes(59).plusSeconds(59)));
        assertEquals("About an hour", ImageFormat.humanDuration(Duration.ofMinutes(89)));
        assertEquals("2 hours", ImageFormat.humanDuration(Duration.ofMinutes(90)));
        assertEquals("47 hours", ImageFormat.humanDuration(Duration.ofHours(47)));
        assertEquals("2 days", ImageFormat.humanDuration(Duration.ofHours(48)));
        assertEquals("13 days", ImageFormat.humanDuration(Duration.ofDays(13)));
        assertEquals("2 weeks", ImageFormat.humanDuration(Duration.ofDays(14)));
        assertEquals("8 weeks", ImageFormat.humanDuration(Duration.ofDays(59)));
        assertEquals("2 months", ImageFormat.humanDuration(Duration.ofDays(60)));
        assertEquals("24 months", ImageFormat.humanDuration(Duration.ofDays(729)));
        assertEquals("2 years", ImageFormat.humanDuration(Duration.ofDays(730)));
        assertEquals("5 minutes ago", ImageFormat.age(NOW.minusSeconds(300), NOW));
    }

    @Test
    void tagsSplitAfterTheRegistryPort() {
        assertArrayEquals(new String[] {"busybox", "latest"}, ImageFormat.splitTag("busybox:latest"));
        assertArrayEquals(new String[] {"reg.example:5000/a/b", "1.0"}, ImageFormat.splitTag("reg.example:5000/a/b:1.0"));
        assertArrayEquals(new String[] {"reg.example:5000/a", "<none>"}, ImageFormat.splitTag("reg.example:5000/a"));
    }

    @Test
    void tableHasARowPerTagNewestFirstAndNoneForUntagged() {
        Image older = image(ID_A, List.of("busybox:latest", "busybox:1.36"), NOW.minus(Duration.ofDays(60)), 4_261_000,
                ImageConfig.empty(), "sha256:" + ID_A);
        Image newer = image(ID_B, List.of(), NOW.minusSeconds(300), 77_834_000, ImageConfig.empty());
        String expected = """
                REPOSITORY   TAG       IMAGE ID       CREATED         SIZE
                <none>       <none>    3f57d9401f8d   5 minutes ago   77.8MB
                busybox      1.36      a416a98b71e2   2 months ago    4.26MB
                busybox      latest    a416a98b71e2   2 months ago    4.26MB
                """;
        assertEquals(expected, ImageFormat.table(List.of(older, newer), NOW, false));
    }

    @Test
    void emptyTableIsTheHeader() {
        assertEquals("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n", ImageFormat.table(List.of(), NOW, false));
    }

    @Test
    void noTruncShowsFullIds() {
        Image one = image(ID_A, List.of("a:b"), NOW, 1, ImageConfig.empty());
        assertTrue(ImageFormat.table(List.of(one), NOW, true).contains("sha256:" + ID_A + "   "));
    }

    @Test
    void quietListsEachImageOnce() {
        Image older = image(ID_A, List.of("a:1", "a:2"), NOW.minusSeconds(10), 1, ImageConfig.empty());
        Image newer = image(ID_B, List.of(), NOW, 1, ImageConfig.empty());
        assertEquals("3f57d9401f8d\na416a98b71e2\n", ImageFormat.quiet(List.of(older, newer), false));
        assertEquals("sha256:" + ID_B + "\nsha256:" + ID_A + "\n", ImageFormat.quiet(List.of(older, newer), true));
    }

    @Test
    void listJsonIsOneArray() throws Exception {
        Image one = image(ID_A, List.of("busybox:latest"), Instant.parse("2025-11-29T11:55:00.5Z"), 4_261_000,
                ImageConfig.empty(), "sha256:1111", "sha256:2222");
        Image two = image(ID_B, List.of(), NOW.minusSeconds(3600), 10, ImageConfig.empty());
        String json = ImageFormat.listJson(List.of(two, one));
        JsonNode array = new ObjectMapper().readTree(json);
        assertEquals(2, array.size());
        JsonNode first = array.get(0);
        assertEquals("sha256:" + ID_A, first.get("Id").asText());
        assertEquals("busybox:latest", first.get("RepoTags").get(0).asText());
        assertEquals("2025-11-29T11:55:00.500Z", first.get("Created").asText());
        assertEquals(4_261_000, first.get("Size").asLong());
        assertEquals(2, first.get("Layers").asInt());
        assertEquals(List.of("Id", "RepoTags", "Created", "Size", "Layers"), fieldNames(first));
        assertTrue(json.contains("        \"RepoTags\": []"), "empty arrays as [] with Go's indentation:\n" + json);
        assertTrue(json.endsWith("]\n"));
        assertEquals("[]\n", ImageFormat.listJson(List.of()));
    }

    @Test
    void inspectJsonHasDockersFields() throws Exception {
        ImageConfig config = new ImageConfig(List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;"),
                List.of("PATH=/usr/bin:/bin"), Optional.of("/srv"), Optional.of("101:101"), "linux", "amd64");
        Image one = image(ID_A, List.of("nginx:1.27"), Instant.parse("2025-11-29T11:55:00Z"), 192_000_000, config,
                "sha256:1111", "sha256:2222");
        String json = ImageFormat.inspectJson(List.of(one));
        assertEquals("""
                [
                    {
                        "Id": "sha256:%s",
                        "RepoTags": [
                            "nginx:1.27"
                        ],
                        "Created": "2025-11-29T11:55:00Z",
                        "Config": {
                            "User": "101:101",
                            "Env": [
                                "PATH=/usr/bin:/bin"
                            ],
                            "Cmd": [
                                "nginx",
                                "-g",
                                "daemon off;"
                            ],
                            "WorkingDir": "/srv",
                            "Entrypoint": [
                                "/docker-entrypoint.sh"
                            ]
                        },
                        "Architecture": "amd64",
                        "Os": "linux",
                        "Size": 192000000,
                        "RootFS": {
                            "Type": "layers",
                            "Layers": [
                                "sha256:1111",
                                "sha256:2222"
                            ]
                        }
                    }
                ]
                """.formatted(ID_A), json);
    }

    @Test
    void inspectWritesUnsetValuesAsDockerDoes() throws Exception {
        Image bare = image(ID_B, List.of(), NOW, 0, ImageConfig.empty());
        JsonNode config = new ObjectMapper().readTree(ImageFormat.inspectJson(List.of(bare))).get(0).get("Config");
        assertTrue(config.get("Entrypoint").isNull());
        assertTrue(config.get("Cmd").isNull());
        assertTrue(config.get("Env").isNull());
        assertEquals("", config.get("WorkingDir").asText());
        assertEquals("", config.get("User").asText());
        assertEquals("[]\n", ImageFormat.inspectJson(List.of()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
