package dev.contedor.rootfs.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lock file held for as long as this process owns something: an import's staging folder,
 * a container's layer, a bootstrap's work folder. Whether it is held is a fact the kernel
 * keeps (an fcntl lock goes when its process dies), so what a killed contedor left can be told
 * from what a live one still uses, without trusting a file's word.
 *
 * <p>POSIX drops all of a process's fcntl locks on a file when the process closes any
 * descriptor of it, so this process must never probe a file it holds: the locks held here are
 * remembered, by real path, and {@link #isHeld} answers for them without opening the file.
 */
public final class OwnerLock implements AutoCloseable {
    private static final Map<Path, OwnerLock> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;

    private OwnerLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Creates {@code lockFile} (it must not exist; its folder must), locks it and writes
     * {@code content} into it (e.g. what the owner uses).
     */
    public static OwnerLock create(Path lockFile, byte[] content) throws IOException {
        Path file = key(lockFile);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            FileLock ignored = channel.lock();
            channel.write(ByteBuffer.wrap(content));
            OwnerLock lock = new OwnerLock(file, channel);
            HELD_HERE.put(file, lock);
            return lock;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether a live process (this one included) holds the lock; a missing file is not held. */
    public static boolean isHeld(Path lockFile) throws IOException {
        Path file;
        try {
            file = key(lockFile);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (HELD_HERE.containsKey(file)) {
            return true;
        }
        try (FileChannel probe = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = probe.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** The lock this process holds on {@code lockFile}, if it holds one (look it up before deleting the file's folder). */
    public static Optional<OwnerLock> heldHere(Path lockFile) throws IOException {
        try {
            return Optional.ofNullable(HELD_HERE.get(key(lockFile)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public Path file() {
        return file;
    }

    /** Releases the lock; the file stays (delete it before, while still holding the lock, if it must go). */
    @Override
    public void close() throws IOException {
        HELD_HERE.remove(file, this);
        channel.close();
    }

    /** The real path of the file's folder plus its name, so that two spellings are one lock. */
    private static Path key(Path lockFile) throws IOException {
        Path absolute = lockFile.toAbsolutePath();
        return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    }
}
