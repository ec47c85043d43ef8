package dev.contedor.rootfs.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The file system the store writes to, as an import's budget needs it: how many bytes are free
 * now and how large it is. Tests give a small fake one to prove a bomb stops at the reserve.
 *
 * @param usableBytes what this process may still write ({@code statfs}'s available blocks)
 * @param totalBytes  the file system's size
 */
record StoreDisk(LongSupplier usableBytes, long totalBytes) {

    /** The real file system holding {@code folder} (or its first existing ancestor). */
    static StoreDisk of(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return new StoreDisk(() -> {
                try {
                    return store.getUsableSpace();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the free space of " + store, e);
                }
            }, store.getTotalSpace());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file system of " + existing, e);
        }
    }
}
