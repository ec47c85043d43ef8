package dev.contedor.rootfs.image.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's record of an image ({@code images/ID.json}). Its names are not in it: they live
 * in {@code repositories.json} only, so that moving a tag is one atomic write and a record
 * can never disagree with the name table.
 *
 * @param diffIds bottom layer first
 * @param size    bytes of its unpacked layers, each distinct layer once
 * @param created when it was imported
 */
public record ImageRecord(String id, List<Digest> diffIds, long size, Instant created) {

    public ImageRecord {
        diffIds = List.copyOf(diffIds);
    }

    public void write(StoreLayout layout) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", id);
        ArrayNode layers = node.putArray("diffIds");
        diffIds.forEach(d -> layers.add(d.toString()));
        node.put("size", size);
        node.put("created", created.toString());
        AtomicFiles.write(layout, layout.imageRecord(id), Json.MAPPER.writeValueAsBytes(node));
    }

    /**
     * The record, or empty when there is none (also while it is being deleted).
     *
     * @throws IOException when it exists but cannot be read
     */
    public static Optional<ImageRecord> read(StoreLayout layout, String id) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(layout.imageRecord(id));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        JsonNode node = Json.MAPPER.readTree(bytes);
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode d : node.path("diffIds")) {
            diffIds.add(Digest.parse(d.asText(), "image record " + layout.imageRecord(id)));
        }
        return Optional.of(new ImageRecord(id, diffIds, node.path("size").asLong(0),
                Instant.parse(node.path("created").asText(Instant.EPOCH.toString()))));
    }
}
