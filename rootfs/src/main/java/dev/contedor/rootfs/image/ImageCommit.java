package dev.contedor.rootfs.image;

import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.store.AtomicFiles;
import dev.contedor.rootfs.image.store.ImageRecord;
import dev.contedor.rootfs.store.StoreLock;
import dev.contedor.rootfs.image.store.LayerRecord;
import dev.contedor.rootfs.image.store.Repositories;
import dev.contedor.rootfs.image.store.StoreLayout;
import dev.contedor.rootfs.image.store.TreeSize;
import dev.contedor.rootfs.store.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Moves a prepared import into the store, under the store lock, in an order that keeps every
 * reader's view whole: layers (renamed in, complete), then the configuration, then the image
 * record, and last the names, one atomic write that makes the image visible by name. A layer
 * or image someone else stored meanwhile is taken as it is (same digest, same content). If a
 * step fails, what this commit added is taken back.
 */
final class ImageCommit {
    private final StoreLayout layout;
    private final ImageCatalog catalog;
    private final Clock clock;

    ImageCommit(StoreLayout layout, ImageCatalog catalog, Clock clock) {
        this.layout = layout;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** @return the image as stored, read before the lock is released (a removal could follow at once) */
    Image commit(PreparedImage image) throws IOException {
        String id = Sha256.hexOf(image.configBytes());
        List<Path> createdFiles = new ArrayList<>();
        List<Map.Entry<Path, Path>> movedLayers = new ArrayList<>();
        try (StoreLock ignored = layout.lock()) {
            try {
                long size = 0;
                for (Digest diffId : new LinkedHashSet<>(image.diffIds())) {
                    Path stored = layout.layer(diffId);
                    if (!Files.isDirectory(stored)) {
                        Path staged = image.staged().get(diffId);
                        if (staged == null) {
                            // Pinned layers cannot go; this would be a bug, not a user error.
                            throw new IllegalStateException("layer " + diffId + " left the store during the import");
                        }
                        new LayerRecord(diffId, TreeSize.of(staged)).write(layout);
                        createdFiles.add(layout.layerMeta(diffId));
                        Files.move(staged, stored, StandardCopyOption.ATOMIC_MOVE);
                        movedLayers.add(Map.entry(stored, staged));
                    }
                    size += LayerRecord.sizeOf(layout, diffId);
                }
                if (!Files.exists(layout.config(id))) {
                    AtomicFiles.write(layout, layout.config(id), image.configBytes());
                    createdFiles.add(layout.config(id));
                }
                if (ImageRecord.read(layout, id).isEmpty()) {
                    new ImageRecord(id, image.diffIds(), size, clock.instant()).write(layout);
                    createdFiles.add(layout.imageRecord(id));
                }
                Repositories before = Repositories.read(layout);
                Repositories after = before;
                for (ImageReference name : image.names()) {
                    after = after.withTag(name.toString(), id);
                }
                if (!after.equals(before)) {
                    after.write(layout);
                }
                return catalog.image(id).orElseThrow(() -> new IllegalStateException("image " + id + " vanished under the lock"));
            } catch (IOException | RuntimeException e) {
                rollBack(createdFiles, movedLayers, e);
                throw e;
            }
        }
    }

    /** Takes back files this commit wrote and puts layers back in staging (a moved-in folder can then go home). */
    private static void rollBack(List<Path> createdFiles, List<Map.Entry<Path, Path>> movedLayers, Throwable failure) {
        for (Map.Entry<Path, Path> layer : movedLayers.reversed()) {
            try {
                Files.move(layer.getKey(), layer.getValue(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        for (Path file : createdFiles.reversed()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
