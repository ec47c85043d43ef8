package dev.contedor.rootfs.image.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.contedor.api.error.ContedorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading the JSON documents of image archives (manifests, indexes, configs), which come
 * from untrusted files: every accessor is lenient about absent fields and strict about
 * fields of the wrong type, and every refusal names the document.
 */
public final class Json {
    /** Thread-safe once configured; shared by the readers and the store. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /**
     * The largest manifest, index or config read into memory. Real configs stay well under
     * a megabyte even with long histories; the cap stops a hostile archive from making the
     * import allocate gigabytes.
     */
    public static final long MAX_DOCUMENT_BYTES = 8L << 20;

    private Json() {
    }

    /** Parses {@code bytes}; {@code what} names the document in the refusal. */
    public static JsonNode parse(byte[] bytes, String what) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw ContedorException.runtime(what + " is empty; the image archive is damaged");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ContedorException.runtime(what + " is not valid JSON (" + e.getOriginalMessage()
                    + "); the image archive is damaged", e);
        } catch (java.io.IOException e) {
            throw ContedorException.runtime("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** A JSON object, or a refusal naming {@code what}. */
    public static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw ContedorException.runtime(what + " must be a JSON object; the image archive is damaged");
        }
        return node;
    }

    /** A string field; absent and {@code null} are empty, other types are refused. */
    public static Optional<String> text(JsonNode parent, String field, String what) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ContedorException.runtime(what + ": \"" + field + "\" must be a string; the image archive is damaged");
        }
        return Optional.of(value.asText());
    }

    /** A required string field. */
    public static String requiredText(JsonNode parent, String field, String what) {
        return text(parent, field, what).orElseThrow(() -> ContedorException.runtime(
                what + " has no \"" + field + "\"; the image archive is damaged"));
    }

    /** An array of strings; absent and {@code null} are empty. */
    public static List<String> strings(JsonNode parent, String field, String what) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ContedorException.runtime(what + ": \"" + field + "\" must be an array of strings; the image archive is damaged");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ContedorException.runtime(what + ": \"" + field + "\" must hold only strings; the image archive is damaged");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** An array of objects; absent and {@code null} are empty. */
    public static List<JsonNode> objects(JsonNode parent, String field, String what) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ContedorException.runtime(what + ": \"" + field + "\" must be an array; the image archive is damaged");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : value) {
            out.add(object(item, what + ": an item of \"" + field + "\""));
        }
        return out;
    }
}
