package dev.contedor.rootfs.image.bootstrap;

import dev.contedor.rootfs.files.TreeDeleter;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
    /**
     * Lock files of this JVM's live bootstraps: another channel must never be opened on them,
     * since closing it would drop this process's fcntl lock.
     */
    private static final Set<Path> LIVE_HERE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path lockFile;
    private final FileChannel channel;
    private boolean closed;

    private WorkFolder(Path dir, Path lockFile, FileChannel channel) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** A new, locked, empty folder in {@code tmpRoot}, mode 0755 (it becomes the image's "/"). */
    static WorkFolder create(Path tmpRoot) throws IOException {
        Files.createDirectories(tmpRoot);
        String name = PREFIX + UUID.randomUUID();
        Path lockFile = tmpRoot.resolve(name + LOCK_SUFFIX).toAbsolutePath().normalize();
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            channel.lock();
            Path dir = Files.createDirectory(tmpRoot.resolve(name));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            LIVE_HERE.add(lockFile);
            return new WorkFolder(dir, lockFile, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(lockFile);
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
            Files.deleteIfExists(lockFile);
            return List.of();
        } finally {
            LIVE_HERE.remove(lockFile);
            channel.close();
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
        Path normalized = lockFile.toAbsolutePath().normalize();
        if (LIVE_HERE.contains(normalized)) {
            return true;
        }
        try (FileChannel probe = FileChannel.open(normalized, StandardOpenOption.WRITE)) {
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
