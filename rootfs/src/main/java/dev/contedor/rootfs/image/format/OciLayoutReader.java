package dev.contedor.rootfs.image.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.image.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/..}):
 * follows the index, through nested indexes, to the image manifest for this machine
 * (linux on the host's architecture when entries name platforms), then to its configuration
 * and layers. Every document read is checked against its digest and size.
 */
public final class OciLayoutReader {
    public static final String LAYOUT_FILE = "oci-layout";
    public static final String INDEX_FILE = "index.json";
    /** OCI's name annotation: a tag ({@code 1.0}) or a whole reference. */
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** The full name containerd and docker 25+ add next to {@link #REF_NAME}. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final int MAX_INDEX_DEPTH = 4;

    /** An image manifest the index leads to, with the names given on the way. */
    private record Candidate(Descriptor manifest, Optional<Platform> platform, List<ImageReference> names) {
    }

    private final ImageFiles files;

    private OciLayoutReader(ImageFiles files) {
        this.files = files;
    }

    /**
     * @param wanted picks among several images of the layout the one with this name; it
     *               does not have to match when the layout holds one image
     */
    public static ImageManifest read(ImageFiles files, Optional<ImageReference> wanted) throws IOException {
        return new OciLayoutReader(files).read(wanted);
    }

    private ImageManifest read(Optional<ImageReference> wanted) throws IOException {
        requireLayoutVersion();
        JsonNode index = Json.object(Json.parse(files.readDocument(INDEX_FILE, Optional.empty(), -1, "the index"),
                where(INDEX_FILE)), where(INDEX_FILE));
        List<Candidate> candidates = new ArrayList<>();
        collect(index, where(INDEX_FILE), List.of(), Optional.empty(), 0, candidates);
        Candidate chosen = choose(candidates, wanted);
        return readManifest(chosen);
    }

    private void requireLayoutVersion() throws IOException {
        byte[] bytes = files.readDocument(LAYOUT_FILE, Optional.empty(), -1, "the oci-layout file");
        JsonNode layout = Json.object(Json.parse(bytes, where(LAYOUT_FILE)), where(LAYOUT_FILE));
        String version = Json.text(layout, "imageLayoutVersion", where(LAYOUT_FILE)).orElse("");
        if (!version.startsWith("1.")) {
            throw ContedorException.runtime(where(LAYOUT_FILE) + ": image layout version \"" + version
                    + "\" is not supported (only 1.x is)");
        }
    }

    private void collect(JsonNode index, String where, List<ImageReference> inheritedNames, Optional<Platform> inheritedPlatform,
                         int depth, List<Candidate> out) throws IOException {
        for (JsonNode node : Json.objects(index, "manifests", where)) {
            Descriptor d = Descriptor.parse(node, where);
            List<ImageReference> names = namesOf(d);
            if (names.isEmpty()) {
                names = inheritedNames;
            }
            Optional<Platform> platform = d.platform().or(() -> inheritedPlatform);
            String kind = d.mediaType();
            JsonNode document = null;
            if (kind.isEmpty()) {
                // OCI requires a media type on descriptors, but older tools left it out:
                // the document's own fields tell.
                document = readJson(d, "the document " + d.digest());
                kind = document.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
            }
            if (MediaTypes.isIndex(kind)) {
                if (depth >= MAX_INDEX_DEPTH) {
                    throw ContedorException.runtime(where + ": indexes nest deeper than " + MAX_INDEX_DEPTH
                            + " levels at " + d.digest() + "; the layout is damaged or hostile");
                }
                JsonNode nested = document != null ? document : readJson(d, "the index " + d.digest());
                collect(nested, where(d.digest().blobPath()) + " (index " + d.digest() + ")", names, platform, depth + 1, out);
            } else if (MediaTypes.isManifest(kind)) {
                out.add(new Candidate(d, platform, names));
            }
            // Anything else (signatures, SBOMs, other artifacts) is not an image to import.
        }
    }

    private Candidate choose(List<Candidate> candidates, Optional<ImageReference> wanted) {
        if (candidates.isEmpty()) {
            throw ContedorException.runtime(files.describe() + ": index.json lists no image manifest; there is nothing to import");
        }
        List<Candidate> forHost = candidates.stream().filter(c -> c.platform().map(Platform::isHost).orElse(false)).toList();
        List<Candidate> pool = !forHost.isEmpty() ? forHost
                : candidates.stream().filter(c -> c.platform().isEmpty()).toList();
        if (pool.isEmpty()) {
            Set<String> platforms = new LinkedHashSet<>();
            // unknown/unknown marks attestations and signatures, not images.
            candidates.forEach(c -> c.platform().filter(p -> !p.os().equals("unknown")).ifPresent(p -> platforms.add(p.toString())));
            throw ContedorException.runtime(files.describe() + " has no image for linux/" + HostPlatform.architecture()
                    + " (it has " + String.join(", ", platforms) + "); import a layout made for this machine");
        }
        // The same manifest listed under several names is one image with several names.
        Map<Digest, Candidate> byManifest = new LinkedHashMap<>();
        for (Candidate c : pool) {
            byManifest.merge(c.manifest().digest(), c, (a, b) -> {
                List<ImageReference> names = new ArrayList<>(a.names());
                b.names().stream().filter(n -> !names.contains(n)).forEach(names::add);
                return new Candidate(a.manifest(), a.platform(), names);
            });
        }
        if (byManifest.size() == 1) {
            return byManifest.values().iterator().next();
        }
        if (wanted.isPresent()) {
            List<Candidate> named = byManifest.values().stream().filter(c -> c.names().contains(wanted.get())).toList();
            if (named.size() == 1) {
                return named.getFirst();
            }
        }
        List<String> shown = byManifest.values().stream()
                .map(c -> c.names().isEmpty() ? c.manifest().digest().toString() : c.names().getFirst().toString()).toList();
        throw ContedorException.runtime(files.describe() + " holds " + byManifest.size() + " images (" + String.join(", ", shown)
                + "); give the name of the one to import as the import's NAME argument, e.g. " + shown.getFirst());
    }

    private ImageManifest readManifest(Candidate chosen) throws IOException {
        Descriptor d = chosen.manifest();
        String where = where(d.digest().blobPath()) + " (manifest " + d.digest() + ")";
        JsonNode manifest = readJson(d, "the manifest " + d.digest());
        Json.text(manifest, "mediaType", where).ifPresent(type -> {
            if (!MediaTypes.isManifest(type)) {
                throw ContedorException.runtime(where + " has the media type \"" + type + "\", not an image manifest");
            }
        });
        JsonNode configNode = manifest.get("config");
        if (configNode == null) {
            throw ContedorException.runtime(where + " has no \"config\"; the layout is damaged");
        }
        Descriptor config = Descriptor.parse(configNode, where + ": config");
        byte[] configBytes = files.readDocument(config.digest().blobPath(), Optional.of(config.digest()), config.size(),
                "the configuration " + config.digest());
        String configWhere = where(config.digest().blobPath()) + " (configuration " + config.digest() + ")";
        ConfigDocument document = ConfigDocument.parse(configBytes, configWhere);
        List<JsonNode> layerNodes = Json.objects(manifest, "layers", where);
        if (layerNodes.size() != document.diffIds().size()) {
            throw ContedorException.runtime(where + " lists " + layerNodes.size() + " layers but its configuration has "
                    + document.diffIds().size() + " diff ids; the layout is damaged");
        }
        List<LayerBlob> layers = new ArrayList<>();
        for (int i = 0; i < layerNodes.size(); i++) {
            Descriptor layer = Descriptor.parse(layerNodes.get(i), where + ": layers[" + i + "]");
            String description = files.describe() + ": layer " + (i + 1) + " of " + layerNodes.size() + " (" + layer.digest() + ")";
            MediaTypes.requireImportableLayer(layer.mediaType(), description);
            layers.add(new LayerBlob(layer.digest().blobPath(), Optional.of(layer.digest()), layer.size(),
                    document.diffIds().get(i), description));
        }
        return new ImageManifest(configBytes, document, layers, chosen.names());
    }

    private JsonNode readJson(Descriptor d, String what) throws IOException {
        byte[] bytes = files.readDocument(d.digest().blobPath(), Optional.of(d.digest()), d.size(), what);
        return Json.object(Json.parse(bytes, where(d.digest().blobPath())), where(d.digest().blobPath()));
    }

    /**
     * The names an index entry gives: containerd's full name, or OCI's ref name when it is a
     * whole reference. A bare tag ({@code 1.0}) names no repository, so it names nothing on
     * its own (as in {@code docker load}); the import's name argument gives one.
     */
    private static List<ImageReference> namesOf(Descriptor d) {
        List<ImageReference> names = new ArrayList<>();
        d.annotation(CONTAINERD_NAME).flatMap(OciLayoutReader::referenceOrEmpty).ifPresent(names::add);
        d.annotation(REF_NAME).filter(n -> n.contains("/") || n.contains(":"))
                .flatMap(OciLayoutReader::referenceOrEmpty).filter(n -> !names.contains(n)).ifPresent(names::add);
        return names;
    }

    private static Optional<ImageReference> referenceOrEmpty(String text) {
        // A name the store cannot hold is left out rather than failing the import: the
        // image is still usable, and the name argument can name it.
        return ImageReference.isValid(text) ? Optional.of(ImageReference.parse(text)) : Optional.empty();
    }

    private String where(String path) {
        return files.describe() + ": " + path;
    }
}
