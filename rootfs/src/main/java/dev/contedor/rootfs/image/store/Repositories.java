package dev.contedor.rootfs.image.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contedor.rootfs.image.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store's names ({@code repositories.json}): each {@code repository:tag} names one image
 * id. Immutable: a change makes a new table, written whole and atomically.
 */
public final class Repositories {
    private final TreeMap<String, String> tags;

    private Repositories(TreeMap<String, String> tags) {
        this.tags = tags;
    }

    public static Repositories read(StoreLayout layout) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(layout.repositories());
        } catch (NoSuchFileException e) {
            return new Repositories(new TreeMap<>());
        }
        TreeMap<String, String> tags = new TreeMap<>();
        JsonNode node = Json.MAPPER.readTree(bytes);
        node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new Repositories(tags);
    }

    public void write(StoreLayout layout) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        tags.forEach(node::put);
        AtomicFiles.write(layout, layout.repositories(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }

    public Optional<String> idOf(String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    /** The names of an image, sorted. */
    public List<String> tagsOf(String id) {
        return tags.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).toList();
    }

    /** Every name, sorted, with its image id. */
    public Map<String, String> all() {
        return Map.copyOf(tags);
    }

    /** The table with {@code tag} naming {@code id} (taken from any image it named before). */
    public Repositories withTag(String tag, String id) {
        TreeMap<String, String> copy = new TreeMap<>(tags);
        copy.put(tag, id);
        return new Repositories(copy);
    }

    public Repositories withoutTag(String tag) {
        TreeMap<String, String> copy = new TreeMap<>(tags);
        copy.remove(tag);
        return new Repositories(copy);
    }

    /** The table without any name of {@code id}. */
    public Repositories withoutImage(String id) {
        TreeMap<String, String> copy = new TreeMap<>(tags);
        copy.values().removeIf(id::equals);
        return new Repositories(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Repositories other && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }
}
