package dev.contedor.rootfs.image.store;

import dev.contedor.rootfs.store.OwnerLock;
import dev.contedor.rootfs.store.StoreLock;

import dev.contedor.rootfs.files.TreeDeleter;
import dev.contedor.rootfs.image.format.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One import's private folder in {@code tmp/} (spooled blobs, layers being unpacked), and its
 * claim on the layers it reuses from the store.
 *
 * <p>An import runs without the store lock (unpacking takes minutes), so two things must be
 * visible to a concurrent prune or removal, which hold the lock: that the folder belongs to a
 * live import (an fcntl lock on {@code tmp/NAME.lock}, dropped by the kernel if the importer
 * dies, which is what makes the leftovers of a killed import recognisable), and which stored
 * layers it counts on ({@code tmp/NAME/pins}), since it will not unpack those again.
 */
public final class ImportStaging implements AutoCloseable {
    private static final String PREFIX = "import-";
    private static final String LOCK_SUFFIX = ".lock";
    private static final String PINS = "pins";

    private final StoreLayout layout;
    private final Path folder;
    private final OwnerLock lock;
    private final Set<Digest> pins = new LinkedHashSet<>();
    private int folders;

    private ImportStaging(StoreLayout layout, Path folder, OwnerLock lock) {
        this.layout = layout;
        this.folder = folder;
        this.lock = lock;
    }

    /** Creates a staging folder; takes the store lock briefly, so do not hold it. */
    public static ImportStaging create(StoreLayout layout) throws IOException {
        try (StoreLock ignored = layout.lock()) {
            String name = PREFIX + UUID.randomUUID();
            OwnerLock lock = OwnerLock.create(layout.tmp().resolve(name + LOCK_SUFFIX), new byte[0]);
            try {
                Path folder = layout.tmp().resolve(name);
                Files.createDirectory(folder);
                return new ImportStaging(layout, folder, lock);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(lock.file());
                lock.close();
                throw e;
            }
        }
    }

    public Path folder() {
        return folder;
    }

    /** A new empty folder inside the staging folder. */
    public synchronized Path newFolder(String purpose) throws IOException {
        return Files.createDirectory(folder.resolve(purpose + "-" + folders++));
    }

    /**
     * Whether the store has the layer; if it has, the layer stays until this staging is
     * closed, whatever prune or removal runs meanwhile. Takes the store lock briefly.
     */
    public boolean pinIfStored(Digest diffId) throws IOException {
        try (StoreLock ignored = layout.lock()) {
            if (!Files.isDirectory(layout.layer(diffId))) {
                return false;
            }
            synchronized (this) {
                pins.add(diffId);
                Path temp = folder.resolve(PINS + AtomicFiles.PART_SUFFIX);
                Files.writeString(temp, pins.stream().map(Digest::hex).collect(Collectors.joining("\n", "", "\n")),
                        StandardCharsets.US_ASCII);
                Files.move(temp, folder.resolve(PINS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        }
    }

    /**
     * Deletes the staging folder and ends the claim. Never fails: by then the import has
     * succeeded or failed on its own account, and whatever cannot be deleted now is a leftover
     * the next prune recognises (its lock is released) and removes.
     */
    @Override
    public void close() {
        try {
            TreeDeleter.delete(folder);
            Files.deleteIfExists(lock.file());
        } catch (IOException | RuntimeException e) {
            // Left for prune, as said above.
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                // The kernel drops the lock with the descriptor at exit at the latest.
            }
        }
    }

    /** The layers live imports count on. Call with the store lock held. */
    public static Set<Digest> livePins(StoreLayout layout) throws IOException {
        Set<Digest> pinned = new HashSet<>();
        for (Path entry : entries(layout)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(PREFIX) && !name.endsWith(LOCK_SUFFIX) && isLive(layout, name)) {
                try {
                    for (String line : Files.readAllLines(entry.resolve(PINS), StandardCharsets.US_ASCII)) {
                        if (Digest.isHex(line.strip())) {
                            pinned.add(new Digest(line.strip()));
                        }
                    }
                } catch (NoSuchFileException e) {
                    // It pinned nothing yet.
                }
            }
        }
        return pinned;
    }

    /**
     * Deletes what interrupted imports and writes left in {@code tmp/}: staging folders whose
     * importer is gone, half-written files, layers half-deleted. Call with the store lock held
     * (no write is then in progress, and no staging is being created).
     *
     * @return how many entries were removed
     */
    public static int removeStale(StoreLayout layout) throws IOException {
        int removed = 0;
        for (Path entry : entries(layout)) {
            String name = entry.getFileName().toString();
            String staging = name.endsWith(LOCK_SUFFIX) ? name.substring(0, name.length() - LOCK_SUFFIX.length()) : name;
            if (staging.startsWith(PREFIX) && isLive(layout, staging)) {
                continue;
            }
            TreeDeleter.delete(entry);
            removed++;
        }
        return removed;
    }

    private static List<Path> entries(StoreLayout layout) throws IOException {
        if (!Files.isDirectory(layout.tmp())) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(layout.tmp())) {
            List<Path> all = new java.util.ArrayList<>();
            stream.forEach(all::add);
            return all;
        }
    }

    private static boolean isLive(StoreLayout layout, String stagingName) throws IOException {
        return OwnerLock.isHeld(layout.tmp().resolve(stagingName + LOCK_SUFFIX));
    }
}
