package dev.contedor.rootfs.image.bootstrap;

import dev.contedor.rootfs.store.OwnerLock;

import dev.contedor.rootfs.files.TreeDeleter;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * debootstrap's target: {@code DATA-ROOT/tmp/bootstrap-UUID}, outside the image store (which
 * refuses to import a folder inside itself) but on its filesystem, so that the import moves
 * it in rather than copying it.
 *
 * <p>While a bootstrap runs it holds an fcntl lock on {@code bootstrap-UUID.lock}; the kernel
 * drops it if the process dies, which is how the next bootstrap recognises, and deletes, what a
 * killed one left.
 */
final class WorkFolder implements AutoCloseable {
    static final String PREFIX = "bootstrap-";
    private static final String LOCK_SUFFIX = ".lock";
    private static final Duration ORPHAN_LOCK_AGE = Duration.ofMinutes(10);

    private final Path dir;
    private final OwnerLock lock;
    private boolean closed;

    private WorkFolder(Path dir, OwnerLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /** A new, locked, empty folder in {@code tmpRoot}, mode 0755 (it becomes the image's "/"). */
    static WorkFolder create(Path tmpRoot) throws IOException {
        Files.createDirectories(tmpRoot);
        String name = PREFIX + UUID.randomUUID();
        OwnerLock lock = OwnerLock.create(tmpRoot.resolve(name + LOCK_SUFFIX), new byte[0]);
        try {
            Path dir = Files.createDirectory(tmpRoot.resolve(name));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new WorkFolder(dir, lock);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(lock.file());
            lock.close();
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * Detaches what is mounted below the folder and deletes it, then drops the lock. When a
     * mount cannot be detached, nothing is deleted (a recursive delete must not walk into a
     * host filesystem) and that mount is returned.
     */
    synchronized List<Path> close(boolean deleteFolder) throws IOException {
        if (closed) {
            return List.of();
        }
        closed = true;
        try {
            if (deleteFolder && Files.exists(dir)) {
                List<Path> stuck = MountPoints.detachAll(dir);
                if (!stuck.isEmpty()) {
                    return stuck;
                }
                TreeDeleter.delete(dir);
            }
            Files.deleteIfExists(lock.file());
            return List.of();
        } finally {
            lock.close();
        }
    }

    @Override
    public void close() throws IOException {
        close(true);
    }

    /**
     * Deletes the folders of bootstraps that died (their lock is free), detaching their mounts
     * first; a folder whose mounts stay is left alone. Returns the folders deleted.
     */
    static List<Path> removeStale(Path tmpRoot) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(tmpRoot)) {
            return removed;
        }
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmpRoot, PREFIX + "*")) {
            entries.forEach(folders::add);
        }
        for (Path entry : folders) {
            String name = entry.getFileName().toString();
            if (name.endsWith(LOCK_SUFFIX) || isLive(tmpRoot.resolve(name + LOCK_SUFFIX))) {
                continue;
            }
            if (!MountPoints.detachAll(entry).isEmpty()) {
                continue;
            }
            TreeDeleter.delete(entry);
            Files.deleteIfExists(tmpRoot.resolve(name + LOCK_SUFFIX));
            removed.add(entry);
        }
        // lock files whose folder is gone
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(tmpRoot, PREFIX + "*" + LOCK_SUFFIX)) {
            for (Path lock : locks) {
                String folder = lock.getFileName().toString();
                folder = folder.substring(0, folder.length() - LOCK_SUFFIX.length());
                // young ones may be a bootstrap between creating its lock file and locking it
                if (!Files.exists(tmpRoot.resolve(folder)) && olderThan(lock, ORPHAN_LOCK_AGE) && !isLive(lock)) {
                    Files.deleteIfExists(lock);
                }
            }
        }
        return removed;
    }

    private static boolean olderThan(Path file, Duration age) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(age));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static boolean isLive(Path lockFile) throws IOException {
        return OwnerLock.isHeld(lockFile);
    }
}
