package dev.contedor.runtime.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** Reads what StateJson wrote with Jackson's own, strict, reader; whole numbers come back as longs. */
final class JsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private JsonReader() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json) {
        try {
            return MAPPER.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not valid JSON: " + e.getOriginalMessage() + "\n" + json, e);
        }
    }
}
