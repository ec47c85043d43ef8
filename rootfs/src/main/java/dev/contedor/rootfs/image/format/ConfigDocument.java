package dev.contedor.rootfs.image.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store reads from an image configuration (OCI {@code application/vnd.oci.image.config.v1+json},
 * which docker's config also is): the layers' diff ids and how to run the image. The rest
 * (history, labels, healthcheck ...) stays in the stored bytes, unchanged.
 *
 * @param diffIds sha256 of each uncompressed layer tar, bottom layer first
 */
public record ConfigDocument(List<Digest> diffIds, ImageConfig config) {

    public ConfigDocument {
        diffIds = List.copyOf(diffIds);
    }

    /** Reads a configuration; {@code where} names it in refusals. */
    public static ConfigDocument parse(byte[] bytes, String where) {
        JsonNode root = Json.object(Json.parse(bytes, where), where);
        JsonNode rootfs = root.get("rootfs");
        if (rootfs == null || !rootfs.isObject()) {
            throw ContedorException.runtime(where + " has no \"rootfs\" object; it is not an image configuration");
        }
        String type = Json.text(rootfs, "type", where).orElse("");
        if (!type.equals("layers")) {
            throw ContedorException.runtime(where + ": rootfs type \"" + type + "\" is not \"layers\"; it is not an image configuration this store can import");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (String diffId : Json.strings(rootfs, "diff_ids", where)) {
            diffIds.add(Digest.parse(diffId, where + ": rootfs.diff_ids"));
        }
        return new ConfigDocument(diffIds, runConfig(root, where));
    }

    private static ImageConfig runConfig(JsonNode root, String where) {
        String os = Json.text(root, "os", where).orElse("");
        String architecture = Json.text(root, "architecture", where).orElse("");
        JsonNode config = root.get("config");
        if (config == null || config.isNull()) {
            return new ImageConfig(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), os, architecture);
        }
        String inConfig = where + ": \"config\"";
        Json.object(config, inConfig);
        return new ImageConfig(Json.strings(config, "Entrypoint", inConfig), Json.strings(config, "Cmd", inConfig),
                Json.strings(config, "Env", inConfig), Json.text(config, "WorkingDir", inConfig),
                Json.text(config, "User", inConfig), os, architecture);
    }
}
