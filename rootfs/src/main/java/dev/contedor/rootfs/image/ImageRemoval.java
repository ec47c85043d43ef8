package dev.contedor.rootfs.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.files.TreeDeleter;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.store.ImageRecord;
import dev.contedor.rootfs.store.StoreLock;
import dev.contedor.rootfs.image.store.ImportStaging;
import dev.contedor.rootfs.image.store.LayerRecord;
import dev.contedor.rootfs.image.store.Repositories;
import dev.contedor.rootfs.image.store.StoreLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Untags and deletes images, and collects what nothing uses, under the store lock. Deletion
 * goes in the reverse order of a commit (names, record, configuration, then layers), so
 * an interruption leaves only unreferenced things, which the next prune takes.
 */
final class ImageRemoval {
    private final StoreLayout layout;
    private final ImageCatalog catalog;
    private final ContainerUse containers;

    ImageRemoval(StoreLayout layout, ImageCatalog catalog, ContainerUse containers) {
        this.layout = layout;
        this.catalog = catalog;
        this.containers = containers;
    }

    /**
     * Docker's {@code rmi}: a name is untagged, and the image goes with its last name; an id
     * deletes the image, refused when several names point to it unless forced. An image a
     * running container uses is never deleted, as in docker: without force the removal is
     * refused, with force it is only untagged (its layers are mounted; deleting them would pull
     * the floor from under the container).
     */
    RemovalResult remove(String reference, boolean force) throws IOException {
        try (StoreLock ignored = layout.lock()) {
            ImageCatalog.Resolution found = catalog.resolve(reference)
                    .orElseThrow(() -> ImageStore.unknownImage(reference));
            String id = found.id();
            String shortId = id.substring(0, 12);
            Repositories names = Repositories.read(layout);
            List<String> tags = names.tagsOf(id);
            boolean inUse = containers.imagesInUse().contains(id);
            if (found.tag().isPresent() && tags.size() > 1) {
                names.withoutTag(found.tag().get()).write(layout);
                return new RemovalResult(List.of(found.tag().get()), List.of(), 0);
            }
            List<String> untag = found.tag().map(List::of).orElse(tags);
            if (inUse) {
                if (!force) {
                    throw ContedorException.runtime("image " + reference + " (" + shortId
                            + ") is used by a running container: stop and delete the container first, or use --force to untag it "
                            + "(its layers stay until the container is gone and `contedor image prune` runs)");
                }
                untag(names, untag);
                return new RemovalResult(untag, List.of(), 0);
            }
            if (found.tag().isEmpty() && tags.size() > 1 && !force) {
                throw ContedorException.runtime("image " + shortId + " has several names (" + String.join(", ", tags)
                        + "): remove them by name, or use --force to delete the image and all its names");
            }
            untag(names, tags);
            long reclaimed = deleteImages(List.of(id));
            return new RemovalResult(tags, List.of(id), reclaimed);
        }
    }

    /**
     * Deletes dangling images (or, with {@code all}, every image no running container uses),
     * layers no image uses, leftovers of interrupted imports, and dead containers' layers.
     */
    PruneResult prune(boolean all) throws IOException {
        try (StoreLock ignored = layout.lock()) {
            int staleContainers = containers.removeStale();
            Set<String> inUse = containers.imagesInUse();
            Repositories names = Repositories.read(layout);
            List<String> doomed = new ArrayList<>();
            for (String id : catalog.ids()) {
                if (!inUse.contains(id) && (all || names.tagsOf(id).isEmpty())) {
                    doomed.add(id);
                }
            }
            Repositories remaining = names;
            for (String id : doomed) {
                remaining = remaining.withoutImage(id);
            }
            if (!remaining.equals(names)) {
                remaining.write(layout);
            }
            for (String id : doomed) {
                Files.deleteIfExists(layout.imageRecord(id));
                Files.deleteIfExists(layout.config(id));
            }
            deleteOrphanConfigs();
            LayerSweep sweep = sweepLayers(Optional.empty());
            ImportStaging.removeStale(layout);
            return new PruneResult(doomed.stream().sorted().toList(), sweep.layers(), staleContainers, sweep.bytes());
        }
    }

    private void untag(Repositories names, List<String> tags) throws IOException {
        Repositories after = names;
        for (String tag : tags) {
            after = after.withoutTag(tag);
        }
        if (!after.equals(names)) {
            after.write(layout);
        }
    }

    /** Deletes records and configurations of images already untagged, then the layers they alone used. */
    private long deleteImages(List<String> ids) throws IOException {
        Set<Digest> candidates = new HashSet<>();
        for (String id : ids) {
            ImageRecord.read(layout, id).ifPresent(r -> candidates.addAll(r.diffIds()));
            Files.deleteIfExists(layout.imageRecord(id));
            Files.deleteIfExists(layout.config(id));
        }
        return sweepLayers(Optional.of(candidates)).bytes();
    }

    private record LayerSweep(int layers, long bytes) {
    }

    /**
     * Deletes layers that no image record lists and no live import has pinned.
     *
     * @param candidates only these, or every stored layer when empty
     */
    private LayerSweep sweepLayers(Optional<Set<Digest>> candidates) throws IOException {
        Set<Digest> used = new HashSet<>(ImportStaging.livePins(layout));
        for (String id : catalog.ids()) {
            ImageRecord.read(layout, id).ifPresent(r -> used.addAll(r.diffIds()));
        }
        Set<Digest> present = candidates.isPresent() ? candidates.get() : storedLayers();
        int deleted = 0;
        long bytes = 0;
        for (Digest diffId : present) {
            if (used.contains(diffId) || !Files.isDirectory(layout.layer(diffId))) {
                continue;
            }
            bytes += LayerRecord.sizeOf(layout, diffId);
            deleteLayer(diffId);
            deleted++;
        }
        if (candidates.isEmpty()) {
            deleteOrphanLayerRecords();
        }
        return new LayerSweep(deleted, bytes);
    }

    private void deleteLayer(Digest diffId) throws IOException {
        // Renamed away first, so the layer disappears at once; a crash midway leaves the
        // rest in tmp/, where prune finds it.
        Path trash = layout.tmp().resolve("deleted-layer-" + UUID.randomUUID());
        Files.move(layout.layer(diffId), trash, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(layout.layerMeta(diffId));
        TreeDeleter.delete(trash);
    }

    private Set<Digest> storedLayers() throws IOException {
        Set<Digest> layers = new HashSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(layout.layers())) {
            for (Path layer : stream) {
                String name = layer.getFileName().toString();
                if (Digest.isHex(name)) {
                    layers.add(new Digest(name));
                }
            }
        }
        return layers;
    }

    private void deleteOrphanLayerRecords() throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(layout.layersMeta())) {
            for (Path meta : stream) {
                String hex = StoreLayout.idOfJsonFile(meta);
                if (hex == null || !Files.isDirectory(layout.layer(new Digest(hex)))) {
                    Files.deleteIfExists(meta);
                }
            }
        }
    }

    private void deleteOrphanConfigs() throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(layout.configs())) {
            for (Path config : stream) {
                String id = StoreLayout.idOfJsonFile(config);
                if (id == null || !Files.exists(layout.imageRecord(id))) {
                    Files.deleteIfExists(config);
                }
            }
        }
    }
}
