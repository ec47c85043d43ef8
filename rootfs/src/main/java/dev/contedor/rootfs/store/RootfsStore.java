package dev.contedor.rootfs.store;

import dev.contedor.rootfs.files.TreeDeleter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The folder {@code <dataRoot>/rootfs} where unpacked and built root filesystems live, one
 * folder each, named by what they are ({@code sha256-<hex>}, {@code builtin-v1}). A folder
 * appears complete or not at all: it is built in a temporary sibling under an exclusive
 * lock and renamed into place; a build that fails leaves nothing behind.
 *
 * <p>Layout: {@code .lock} (the lock file), {@code index/} (see {@link TarballDigestIndex}),
 * the root filesystems, and transient {@code .tmp-*} folders.
 */
public final class RootfsStore {
    static final String TEMP_PREFIX = ".tmp-";
    private static final String LOCK_FILE = ".lock";

    private final Path root;

    /** A store in {@code <dataRoot>/rootfs}; nothing is created until something is built. */
    public RootfsStore(Path dataRoot) {
        this.root = dataRoot.toAbsolutePath().normalize().resolve("rootfs");
    }

    /** {@code <dataRoot>/rootfs}. */
    public Path root() {
        return root;
    }

    /** The index folder for tarball digests. */
    public Path indexDirectory() {
        return root.resolve("index");
    }

    /** Builds the content of a root filesystem into an empty directory. */
    @FunctionalInterface
    public interface TreeBuilder {
        void build(Path emptyDirectory) throws IOException;
    }

    /**
     * Returns {@code <root>/name}, building it with {@code builder} first if it does not
     * exist. Concurrent callers (threads or processes) build it once; the others wait and
     * reuse it.
     *
     * @param name a single folder name, e.g. {@code sha256-<hex>}
     */
    public Path obtain(String name, TreeBuilder builder) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a store folder name: " + name);
        }
        Path target = root.resolve(name);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        Files.createDirectories(root);
        try (StoreLock lock = StoreLock.acquire(root.resolve(LOCK_FILE))) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                return target; // built by another run while this one waited
            }
            removeStaleTemporaries();
            Path temporary = Files.createTempDirectory(root, TEMP_PREFIX + name + "-");
            try {
                // A root filesystem's / is 0755 unless its content says otherwise.
                Files.setAttribute(temporary, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
                builder.build(temporary);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException | Error e) {
                TreeDeleter.deleteQuietly(temporary, e);
                throw e;
            }
        }
        return target;
    }

    /**
     * Temporary folders can only be left by a run that died while holding the lock (a
     * failure in a live run deletes its own); holding the lock now, they are garbage.
     */
    private void removeStaleTemporaries() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, TEMP_PREFIX + "*")) {
            for (Path stale : entries) {
                TreeDeleter.delete(stale);
            }
        }
    }
}
