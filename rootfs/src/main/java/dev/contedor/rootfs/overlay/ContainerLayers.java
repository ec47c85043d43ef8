package dev.contedor.rootfs.overlay;

import dev.contedor.rootfs.files.TreeDeleter;
import dev.contedor.rootfs.store.OwnerLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The containers' own writable layers, one folder each in {@code DATA/containers/ID}:
 * {@code upper/} and {@code work/} for overlayfs (without overlayfs, {@code upper/} holds the
 * container's copy of its root), and {@code lock}, which names the image the container uses.
 * Every overlay is mounted on the same empty folder, {@code DATA/containers/.mountpoint}:
 * each mount lives in its own container's mount namespace, so they never meet, and a
 * container costs no folder for it. Every folder created is a file-system metadata write,
 * which is most of what a layer costs.
 *
 * <p>Whether a container still uses its layer is a fact, not a file's word: the process that
 * created the layer holds an exclusive lock on {@code lock} until it removes the layer, and
 * the kernel drops the lock when that process dies. A layer whose lock can be taken is stale.
 */
public final class ContainerLayers {
    private static final String MOUNT_POINT = ".mountpoint";
    private static final String LOCK = "lock";
    /** A folder whose lock is free is left alone this long after its last change: it may be being created. */
    private static final Duration CREATION_GRACE = Duration.ofSeconds(30);

    private final Path root;

    public ContainerLayers(Path dataRoot) {
        this.root = dataRoot.resolve("containers");
    }

    /** The folder that holds every container's layer. */
    public Path root() {
        return root;
    }

    /** The empty folder every container mounts its overlay on, in its own mount namespace. */
    public Path mountPoint() {
        return root.resolve(MOUNT_POINT);
    }

    /** A container's layer folder (which may not exist). */
    public Path folder(String containerId) {
        return root.resolve(containerId);
    }

    /**
     * Creates the container's layer folder and takes its lock.
     *
     * @param image the image's id, empty for roots that are not images (built-in, tarballs)
     */
    public ContainerLayer create(String containerId, Optional<String> image) throws IOException {
        Path target = folder(containerId);
        Path mountPoint = mountPoint();
        if (!Files.isDirectory(mountPoint)) {
            Files.createDirectories(mountPoint);
        }
        Files.createDirectory(target); // fails when the container has a layer already
        OwnerLock lock = null;
        try {
            lock = OwnerLock.create(target.resolve(LOCK), image.orElse("").getBytes(StandardCharsets.US_ASCII));
            Files.createDirectory(target.resolve("upper"));
            Files.createDirectory(target.resolve("work"));
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            TreeDeleter.deleteQuietly(target, e);
            throw e;
        }
        return new ContainerLayer(mountPoint, target.resolve("upper"), target.resolve("work"));
    }

    /** Removes the container's layer (all it wrote) and lets its lock go; a missing layer is not an error. */
    public void remove(String containerId) throws IOException {
        Path target = folder(containerId);
        Optional<OwnerLock> lock = OwnerLock.heldHere(target.resolve(LOCK));
        try {
            TreeDeleter.delete(target); // while still holding the lock: nobody calls it stale meanwhile
        } finally {
            if (lock.isPresent()) {
                lock.get().close();
            }
        }
    }

    /** Ids (64 hex) of the images that containers still running use. */
    public Set<String> imagesInUse() {
        Set<String> images = new HashSet<>();
        for (Path folder : folders()) {
            if (isInUse(folder)) {
                readImage(folder).ifPresent(images::add);
            }
        }
        return images;
    }

    /** Removes the layers of containers whose {@code run} died; returns how many. */
    public int removeStale() {
        int removed = 0;
        for (Path folder : folders()) {
            if (!isInUse(folder) && isOlderThan(folder, CREATION_GRACE)) {
                try {
                    TreeDeleter.delete(folder);
                    removed++;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the stale container layer " + folder, e);
                }
            }
        }
        return removed;
    }

    /** Whether some process holds the folder's lock (this one included); on a doubt, yes. */
    private static boolean isInUse(Path folder) {
        try {
            return OwnerLock.isHeld(folder.resolve(LOCK));
        } catch (IOException e) {
            return true; // never call a layer stale on a doubt
        }
    }

    private static Optional<String> readImage(Path folder) {
        try {
            String id = Files.readString(folder.resolve(LOCK), StandardCharsets.US_ASCII).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isOlderThan(Path folder, Duration age) {
        try {
            FileTime modified = Files.getLastModifiedTime(folder);
            return modified.toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private Iterable<Path> folders() {
        Set<Path> out = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root,
                p -> Files.isDirectory(p) && !p.getFileName().toString().equals(MOUNT_POINT))) {
            entries.forEach(out::add);
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the container layers in " + root, e);
        }
        return out;
    }

    /**
     * One container's layer.
     *
     * @param mountPoint where the container mounts its overlay (shared by all containers, see above)
     * @param upper      overlayfs's upper folder: everything the container writes; without
     *                   overlayfs, the container's copy of its root
     * @param work       overlayfs's work folder
     */
    public record ContainerLayer(Path mountPoint, Path upper, Path work) {
    }
}
