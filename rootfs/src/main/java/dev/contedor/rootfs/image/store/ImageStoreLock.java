package dev.contedor.rootfs.image.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The image store's exclusive lock, held by every change (commit of an import, removal,
 * prune), never while a layer is unpacked. Between processes it is an fcntl lock, which the
 * kernel drops when a process dies, so a crash never leaves the store locked. Inside the JVM a
 * plain lock is taken first: fcntl locks belong to the process, and the JVM refuses a second
 * one on the same file with OverlappingFileLockException instead of waiting.
 */
public final class ImageStoreLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private ImageStoreLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until the lock is held; re-entrant within a thread only for the JVM part, so do not nest. */
    public static ImageStoreLock acquire(StoreLayout layout) throws IOException {
        layout.create();
        // The real path, so that two spellings of the data folder share the JVM lock too.
        Path file = layout.root().toRealPath().resolve(layout.lockFile().getFileName());
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        threadLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new ImageStoreLock(threadLock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
