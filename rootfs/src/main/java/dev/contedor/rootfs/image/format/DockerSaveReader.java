package dev.contedor.rootfs.image.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.image.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code docker save} archive through its {@code manifest.json}
 * ({@code [{"Config": .., "RepoTags": [..], "Layers": [..]}]}). Both shapes docker has
 * written work: the legacy one ({@code <id>/layer.tar}, {@code <id>.json}) and the one of
 * docker 25+, whose paths point into OCI {@code blobs/sha256/}. Where a path names its
 * digest, the file is checked against it; every layer is checked against the diff ids of
 * the configuration either way.
 */
public final class DockerSaveReader {
    public static final String MANIFEST_FILE = "manifest.json";
    private static final Pattern BLOB_PATH = Pattern.compile("(?:.*/)?blobs/sha256/([0-9a-f]{64})");
    private static final Pattern LEGACY_CONFIG = Pattern.compile("([0-9a-f]{64})\\.json");

    private DockerSaveReader() {
    }

    /**
     * @param wanted picks among several images of the archive the one with this name; it does
     *               not have to match when the archive holds one image
     */
    public static ImageManifest read(ImageFiles files, Optional<ImageReference> wanted) throws IOException {
        String where = files.describe() + ": " + MANIFEST_FILE;
        JsonNode manifest = Json.parse(files.readDocument(MANIFEST_FILE, Optional.empty(), -1, "the manifest"), where);
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw ContedorException.runtime(where + " must be a non-empty JSON array; the archive is damaged");
        }
        List<JsonNode> entries = new ArrayList<>();
        manifest.forEach(e -> entries.add(Json.object(e, where + ": an entry")));
        JsonNode entry = choose(files, entries, wanted, where);
        return readEntry(files, entry, where);
    }

    private static JsonNode choose(ImageFiles files, List<JsonNode> entries, Optional<ImageReference> wanted, String where) {
        if (entries.size() == 1) {
            return entries.getFirst();
        }
        if (wanted.isPresent()) {
            List<JsonNode> named = entries.stream().filter(e -> namesOf(e, where).contains(wanted.get())).toList();
            if (named.size() == 1) {
                return named.getFirst();
            }
        }
        List<String> shown = entries.stream().map(e -> {
            List<ImageReference> names = namesOf(e, where);
            return names.isEmpty() ? Json.text(e, "Config", where).orElse("?") : names.getFirst().toString();
        }).toList();
        throw ContedorException.runtime(files.describe() + " holds " + entries.size() + " images (" + String.join(", ", shown)
                + "); give the name of the one to import as the import's NAME argument, e.g. " + shown.getFirst());
    }

    private static ImageManifest readEntry(ImageFiles files, JsonNode entry, String where) throws IOException {
        String configPath = Json.requiredText(entry, "Config", where);
        byte[] configBytes = files.readDocument(configPath, digestNamedBy(configPath), -1, "the configuration");
        ConfigDocument config = ConfigDocument.parse(configBytes, files.describe() + ": " + configPath);
        List<String> layerPaths = Json.strings(entry, "Layers", where);
        if (layerPaths.size() != config.diffIds().size()) {
            throw ContedorException.runtime(where + " lists " + layerPaths.size() + " layers but the configuration " + configPath
                    + " has " + config.diffIds().size() + " diff ids; the archive is damaged");
        }
        JsonNode sources = entry.get("LayerSources");
        List<LayerBlob> layers = new ArrayList<>();
        for (int i = 0; i < layerPaths.size(); i++) {
            String path = layerPaths.get(i);
            Optional<Digest> digest = digestNamedBy(path);
            String description = files.describe() + ": layer " + (i + 1) + " of " + layerPaths.size() + " (" + path + ")";
            if (digest.isPresent() && sources != null && sources.isObject() && sources.has(digest.get().toString())
                    && !files.exists(path)) {
                // docker save leaves foreign layers out and says so in LayerSources.
                Descriptor source = Descriptor.parse(sources.get(digest.get().toString()), where + ": LayerSources");
                MediaTypes.requireImportableLayer(source.mediaType(), description);
            }
            layers.add(new LayerBlob(path, digest, -1, config.diffIds().get(i), description));
        }
        return new ImageManifest(configBytes, config, layers, namesOf(entry, where));
    }

    /** The digest a path names: {@code blobs/sha256/<hex>}, or a legacy {@code <hex>.json} configuration. */
    private static Optional<Digest> digestNamedBy(String path) {
        Matcher blob = BLOB_PATH.matcher(path);
        if (blob.matches()) {
            return Optional.of(new Digest(blob.group(1)));
        }
        Matcher legacy = LEGACY_CONFIG.matcher(path);
        return legacy.matches() ? Optional.of(new Digest(legacy.group(1))) : Optional.empty();
    }

    private static List<ImageReference> namesOf(JsonNode entry, String where) {
        // A tag the store cannot hold is left out rather than failing the import.
        return Json.strings(entry, "RepoTags", where).stream().filter(ImageReference::isValid).map(ImageReference::parse)
                .distinct().toList();
    }
}
