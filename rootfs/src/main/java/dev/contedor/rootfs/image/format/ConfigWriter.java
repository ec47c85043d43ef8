package dev.contedor.rootfs.image.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contedor.rootfs.image.ImageConfig;
import java.util.List;

/**
 * Writes the configuration of an image made here (from a plain root filesystem tarball or
 * folder), as {@code docker import} does. It has no creation time, so the same content and
 * settings always give the same JSON, hence the same image id: importing a tarball twice
 * stores one image.
 */
public final class ConfigWriter {
    private ConfigWriter() {
    }

    public static byte[] write(ImageConfig config, List<Digest> diffIds) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("architecture", config.architecture());
        root.put("os", config.os());
        ObjectNode run = root.putObject("config");
        putStrings(run, "Env", config.env());
        putStrings(run, "Entrypoint", config.entrypoint());
        putStrings(run, "Cmd", config.cmd());
        config.workingDir().ifPresent(w -> run.put("WorkingDir", w));
        config.user().ifPresent(u -> run.put("User", u));
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(d -> ids.add(d.toString()));
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static void putStrings(ObjectNode parent, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = parent.putArray(field);
            values.forEach(array::add);
        }
    }
}
