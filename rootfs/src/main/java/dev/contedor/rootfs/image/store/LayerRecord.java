package dev.contedor.rootfs.image.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * What the store keeps about a layer besides its tree ({@code layers-meta/HEX.json}): kept
 * out of {@code layers/HEX/} because that folder is mounted as it is.
 *
 * @param size bytes of the unpacked tree (regular files, each hard-linked file once)
 */
public record LayerRecord(Digest diffId, long size) {

    public void write(StoreLayout layout) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("diffId", diffId.toString());
        node.put("size", size);
        AtomicFiles.write(layout, layout.layerMeta(diffId), Json.MAPPER.writeValueAsBytes(node));
    }

    /** The record, or empty when it is missing or unreadable (a layer's size is then unknown, not an error). */
    public static Optional<LayerRecord> read(StoreLayout layout, Digest diffId) {
        try {
            JsonNode node = Json.MAPPER.readTree(Files.readAllBytes(layout.layerMeta(diffId)));
            return Optional.of(new LayerRecord(diffId, node.path("size").asLong(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The layer's size, 0 when unknown. */
    public static long sizeOf(StoreLayout layout, Digest diffId) {
        return read(layout, diffId).map(LayerRecord::size).orElse(0L);
    }
}
