package dev.contedor.runtime.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.contedor.api.state.ContainerState;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link ContainerState} as the OCI state JSON, with contedor's fields added, through
 * Jackson's streaming generator: the JSON library the project has, without the object
 * mapper's start-up cost on every {@code run}.
 */
public final class StateJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private StateJson() {
    }

    public static String write(ContainerState s) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("ociVersion", s.ociVersion());
            json.writeStringField("id", s.id());
            json.writeStringField("status", s.status().ociName());
            json.writeNumberField("pid", s.pid());
            json.writeStringField("bundle", text(s.bundle()));
            json.writeObjectFieldStart("annotations");
            for (Map.Entry<String, String> e : new TreeMap<>(s.annotations()).entrySet()) {
                json.writeStringField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("contedor");
            json.writeNumberField("startTime", s.startTime());
            json.writeStringField("rootfs", text(s.rootfs()));
            json.writeArrayFieldStart("command");
            for (String arg : s.command()) {
                json.writeString(arg);
            }
            json.writeEndArray();
            json.writeStringField("created", String.valueOf(s.created()));
            json.writeStringField("stateDir", String.valueOf(s.stateDir()));
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of " + s.id() + " as JSON", e);
        }
        return out.append('\n').toString();
    }

    private static String text(Path path) {
        return path == null ? "" : path.toString();
    }
}
