package dev.contedor.rootfs.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.image.format.ConfigDocument;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.store.ImageRecord;
import dev.contedor.rootfs.image.store.Repositories;
import dev.contedor.rootfs.image.store.StoreLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the store without its lock: every file is replaced by an atomic rename, so a reader
 * sees each one whole; an image whose record or configuration disappears while it is read
 * (a concurrent removal) is simply not there.
 */
final class ImageCatalog {
    private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]{4,64}");
    private static final String DOCKER_HUB = "docker.io/";
    private static final String OFFICIAL = "library/";

    /** What a reference found: the image, and the name it was found by, if it was a name. */
    record Resolution(String id, Optional<String> tag) {
    }

    private final StoreLayout layout;

    ImageCatalog(StoreLayout layout) {
        this.layout = layout;
    }

    List<Image> list() throws IOException {
        Repositories names = Repositories.read(layout);
        List<Image> images = new ArrayList<>();
        for (String id : ids()) {
            image(id, names).ifPresent(images::add);
        }
        images.sort(Comparator.comparing(Image::created).reversed().thenComparing(Image::id));
        return images;
    }

    Optional<Image> image(String id) throws IOException {
        return image(id, Repositories.read(layout));
    }

    private Optional<Image> image(String id, Repositories names) throws IOException {
        Optional<ImageRecord> record = ImageRecord.read(layout, id);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        byte[] config;
        try {
            config = Files.readAllBytes(layout.config(id));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        ImageRecord r = record.get();
        ImageConfig runConfig = ConfigDocument.parse(config, "the stored configuration " + layout.config(id)).config();
        return Optional.of(new Image(id, names.tagsOf(id), r.diffIds().stream().map(Digest::toString).toList(), runConfig,
                r.size(), r.created()));
    }

    /** The ids of the stored images. */
    List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(layout.images())) {
            return ids;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(layout.images())) {
            for (Path record : records) {
                String id = StoreLayout.idOfJsonFile(record);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /**
     * Finds what a reference means: a name ({@code repo[:tag]}, docker.io spellings alike),
     * a full id (bare or {@code sha256:}), or a unique id prefix of at least 4 hex digits.
     *
     * @throws ContedorException when an id prefix matches several images
     */
    Optional<Resolution> resolve(String reference) throws IOException {
        String text = reference.strip();
        if (text.startsWith("sha256:")) {
            return byIdPrefix(text.substring("sha256:".length()), reference);
        }
        if (Digest.isHex(text) && ImageRecord.read(layout, text).isPresent()) {
            return Optional.of(new Resolution(text, Optional.empty()));
        }
        if (ImageReference.isValid(text)) {
            Repositories names = Repositories.read(layout);
            Optional<String> tag = byName(ImageReference.parse(text), names);
            if (tag.isPresent()) {
                return Optional.of(new Resolution(names.idOf(tag.get()).orElseThrow(), tag));
            }
        }
        return byIdPrefix(text, reference);
    }

    private Optional<Resolution> byIdPrefix(String prefix, String reference) throws IOException {
        if (!ID_PREFIX.matcher(prefix).matches()) {
            return Optional.empty();
        }
        List<String> matches = ids().stream().filter(id -> id.startsWith(prefix)).sorted().toList();
        if (matches.size() > 1) {
            throw ContedorException.runtime("the id prefix " + reference + " is ambiguous: it matches " + matches.size()
                    + " images (" + String.join(", ", matches.stream().map(id -> id.substring(0, 12)).toList())
                    + "); give more digits");
        }
        return matches.stream().findFirst().map(id -> new Resolution(id, Optional.empty()));
    }

    /**
     * The stored name a reference means: itself, or failing that the same name in docker's
     * other spelling ({@code busybox} and {@code docker.io/library/busybox} are one image).
     */
    private static Optional<String> byName(ImageReference wanted, Repositories names) {
        if (names.idOf(wanted.toString()).isPresent()) {
            return Optional.of(wanted.toString());
        }
        String familiar = familiar(wanted.repository());
        return names.all().keySet().stream().filter(ImageReference::isValid).filter(tag -> {
            ImageReference stored = ImageReference.parse(tag);
            return stored.tag().equals(wanted.tag()) && familiar(stored.repository()).equals(familiar);
        }).findFirst();
    }

    /** Docker Hub names in their short form: {@code docker.io/library/busybox} is {@code busybox}. */
    static String familiar(String repository) {
        String name = repository;
        if (name.startsWith("index." + DOCKER_HUB)) {
            name = name.substring(("index." + DOCKER_HUB).length());
        } else if (name.startsWith(DOCKER_HUB)) {
            name = name.substring(DOCKER_HUB.length());
        }
        if (name.startsWith(OFFICIAL) && name.indexOf('/', OFFICIAL.length()) < 0) {
            name = name.substring(OFFICIAL.length());
        }
        return name;
    }
}
