package dev.contedor.rootfs.image.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Writes a store file so that a reader sees the old content or the new, never a part: the
 * bytes go to a temporary file in the store's {@code tmp/} (same filesystem), are synced,
 * and the file is renamed over the target.
 */
public final class AtomicFiles {
    /** Temporary files of interrupted writes end with this; prune removes them. */
    public static final String PART_SUFFIX = ".part";

    private AtomicFiles() {
    }

    public static void write(StoreLayout layout, Path target, byte[] content) throws IOException {
        Path temp = layout.tmp().resolve("write-" + UUID.randomUUID() + PART_SUFFIX);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                // Without the sync a crash could rename an empty file into place.
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
