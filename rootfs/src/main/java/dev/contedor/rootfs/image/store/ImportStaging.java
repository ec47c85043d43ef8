package dev.contedor.rootfs.image.store;

import dev.contedor.rootfs.files.TreeDeleter;
import dev.contedor.rootfs.image.format.Digest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * Lock files of this JVM's live imports. Another channel must never be opened on them:
     * closing it would drop the process's fcntl lock (POSIX releases all of a process's locks
     * on a file when any descriptor of it closes).
     */
    private static final Set<Path> LIVE_HERE = ConcurrentHashMap.newKeySet();

    private final StoreLayout layout;
    private final Path folder;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final Set<Digest> pins = new LinkedHashSet<>();
    private int folders;

    private ImportStaging(StoreLayout layout, Path folder, Path lockFile, FileChannel channel, FileLock lock) {
        this.layout = layout;
        this.folder = folder;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates a staging folder; takes the store lock briefly, so do not hold it. */
    public static ImportStaging create(StoreLayout layout) throws IOException {
        try (ImageStoreLock ignored = ImageStoreLock.acquire(layout)) {
            String name = PREFIX + UUID.randomUUID();
            Path lockFile = layout.tmp().toRealPath().resolve(name + LOCK_SUFFIX);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.lock();
                Path folder = layout.tmp().resolve(name);
                Files.createDirectory(folder);
                LIVE_HERE.add(lockFile);
                return new ImportStaging(layout, folder, lockFile, channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(lockFile);
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
        try (ImageStoreLock ignored = ImageStoreLock.acquire(layout)) {
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
            Files.deleteIfExists(lockFile);
        } catch (IOException | RuntimeException e) {
            // Left for prune, as said above.
        } finally {
            LIVE_HERE.remove(lockFile);
            try {
                // Closing the channel releases the lock too; release() first keeps the order explicit.
                lock.release();
                channel.close();
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
        // The real path: the same file reached by another spelling must still be recognised.
        Path lockFile = layout.tmp().toRealPath().resolve(stagingName + LOCK_SUFFIX);
        if (LIVE_HERE.contains(lockFile)) {
            return true;
        }
        try (FileChannel probe = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock held = probe.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }
}
