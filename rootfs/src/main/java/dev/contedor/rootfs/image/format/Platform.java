package dev.contedor.rootfs.image.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The platform an index entry is for.
 *
 * @param variant e.g. {@code v8} for arm64; empty when unset
 */
public record Platform(String os, String architecture, Optional<String> variant) {

    static Optional<Platform> of(JsonNode descriptor, String where) {
        JsonNode node = descriptor.get("platform");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Json.object(node, where + ": \"platform\"");
        return Optional.of(new Platform(Json.text(node, "os", where).orElse(""),
                Json.text(node, "architecture", where).orElse(""), Json.text(node, "variant", where)));
    }

    /** True for linux on this machine's architecture (the variant is not compared). */
    public boolean isHost() {
        return os.equals("linux") && architecture.equals(HostPlatform.architecture());
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
