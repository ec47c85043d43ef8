package dev.contedor.rootfs.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Rewrites the index of an OCI layout folder the fixture wrote, for multi-platform cases. */
final class OciIndexes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciIndexes() {
    }

    /**
     * Moves the layout's image behind a nested index that lists it for {@code os/architecture},
     * next to an entry for each of {@code otherArchitectures} whose manifest is absent (as in a
     * layout copied for one platform only) and an attestation entry (platform unknown/unknown).
     */
    static void wrapInPlatformIndex(Path layout, String os, String architecture, String... otherArchitectures) throws IOException {
        ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode image = (ObjectNode) index.withArray("manifests").get(0);
        JsonNode annotations = image.remove("annotations");
        ObjectNode nested = JSON.createObjectNode();
        nested.put("schemaVersion", 2);
        nested.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode entries = nested.putArray("manifests");
        for (String other : otherArchitectures) {
            ObjectNode absent = entries.addObject();
            absent.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            absent.put("digest", "sha256:" + ImageArchiveFixture.sha256(other.getBytes()));
            absent.put("size", 100);
            absent.putObject("platform").put("os", "linux").put("architecture", other);
        }
        ObjectNode host = image.deepCopy();
        host.putObject("platform").put("os", os).put("architecture", architecture);
        entries.add(host);
        ObjectNode attestation = entries.addObject();
        attestation.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        attestation.put("digest", "sha256:" + ImageArchiveFixture.sha256("attestation".getBytes()));
        attestation.put("size", 100);
        attestation.putObject("platform").put("os", "unknown").put("architecture", "unknown");
        byte[] nestedBytes = JSON.writeValueAsBytes(nested);
        String hex = ImageArchiveFixture.sha256(nestedBytes);
        Files.write(layout.resolve("blobs/sha256/" + hex), nestedBytes);
        ObjectNode top = JSON.createObjectNode();
        top.put("mediaType", "application/vnd.oci.image.index.v1+json");
        top.put("digest", "sha256:" + hex);
        top.put("size", nestedBytes.length);
        if (annotations != null) {
            top.set("annotations", annotations);
        }
        ArrayNode manifests = index.putArray("manifests");
        manifests.add(top);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
    }
}
