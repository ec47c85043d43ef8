package dev.contedor.rootfs.image.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contedor.api.error.ContedorException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI content descriptor: what a blob is, its digest and its size.
 *
 * @param mediaType   e.g. {@code application/vnd.oci.image.layer.v1.tar+gzip}
 * @param size        bytes of the blob, as declared (checked when it is read)
 * @param platform    for index entries, the platform the target is for
 * @param annotations e.g. {@code org.opencontainers.image.ref.name}
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform,
                         Map<String, String> annotations) {

    public Descriptor {
        annotations = Map.copyOf(annotations);
    }

    /** Reads a descriptor object; {@code where} names it in refusals. */
    public static Descriptor parse(JsonNode node, String where) {
        Json.object(node, where);
        String mediaType = Json.text(node, "mediaType", where).orElse("");
        Digest digest = Digest.parse(Json.requiredText(node, "digest", where), where);
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw ContedorException.runtime(where + ": the descriptor of " + digest
                    + " has no valid \"size\"; the image archive is damaged");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode notes = node.get("annotations");
        if (notes != null && notes.isObject()) {
            notes.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    annotations.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return new Descriptor(mediaType, digest, size.asLong(), Platform.of(node, where), annotations);
    }

    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key));
    }
}
