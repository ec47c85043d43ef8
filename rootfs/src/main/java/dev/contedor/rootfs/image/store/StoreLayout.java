package dev.contedor.rootfs.image.store;

import dev.contedor.rootfs.store.StoreLock;

import dev.contedor.rootfs.image.format.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things live in the image store, {@code DATA/images}:
 * <pre>
 * lock                     the store lock (held by every change)
 * layers/HEX/              an unpacked layer in overlayfs format, nothing else: it is an overlayfs lowerdir
 * layers-meta/HEX.json     what the store knows about that layer (its size)
 * configs/ID.json          an image configuration, byte for byte as imported (ID is its sha256)
 * images/ID.json           the store's record of an image (layers, size, import time)
 * repositories.json        names: {"repo:tag": "ID"}
 * tmp/                     imports being staged, and anything half-written
 * </pre>
 * HEX is the diff id's hex: the sha256 of the layer's uncompressed tar.
 */
public record StoreLayout(Path root) {
    private static final String JSON = ".json";

    public Path lockFile() {
        return root.resolve("lock");
    }

    public Path layers() {
        return root.resolve("layers");
    }

    public Path layer(Digest diffId) {
        return layers().resolve(diffId.hex());
    }

    public Path layersMeta() {
        return root.resolve("layers-meta");
    }

    public Path layerMeta(Digest diffId) {
        return layersMeta().resolve(diffId.hex() + JSON);
    }

    public Path configs() {
        return root.resolve("configs");
    }

    public Path config(String imageId) {
        return configs().resolve(imageId + JSON);
    }

    public Path images() {
        return root.resolve("images");
    }

    public Path imageRecord(String imageId) {
        return images().resolve(imageId + JSON);
    }

    public Path repositories() {
        return root.resolve("repositories.json");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    /** The id a {@code HEX.json} file in {@link #configs()}, {@link #images()} or {@link #layersMeta()} is for, or null. */
    public static String idOfJsonFile(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(JSON)) {
            return null;
        }
        String id = name.substring(0, name.length() - JSON.length());
        return Digest.isHex(id) ? id : null;
    }

    /**
     * Takes the store's exclusive lock (creating the store's folders first), held by every
     * change: commit of an import, removal, prune; never while a layer is unpacked.
     */
    public StoreLock lock() throws IOException {
        create();
        return StoreLock.acquire(lockFile());
    }

    /** Creates the folders (idempotent); the store is private to root. */
    public void create() throws IOException {
        for (Path folder : new Path[] {root, layers(), layersMeta(), configs(), images(), tmp()}) {
            Files.createDirectories(folder);
        }
    }
}
