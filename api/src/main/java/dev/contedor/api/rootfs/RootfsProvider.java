package dev.contedor.api.rootfs;

import dev.contedor.api.launch.Leftover;

import java.nio.file.Path;
import java.util.List;

/**
 * Gives each container its root filesystem: the built-in one, a folder or tarball named with
 * {@code --rootfs}, or an image of the store. Contributed by a
 * {@link dev.contedor.api.plugin.Plugin}; exactly one is used.
 *
 * <p>Roots that contedor manages (the built-in one, unpacked tarballs, images) are shared
 * read-only between containers; each container writes to its own layer, which
 * {@link #release} removes.
 */
public interface RootfsProvider {

    /**
     * Prepares the container's root: resolves the source, creates the container's own
     * writable layer when the root is shared.
     *
     * @param dataRoot contedor's data folder (default {@code /var/lib/contedor})
     * @throws dev.contedor.api.error.ContedorException naming the source and the fix when it cannot
     */
    ContainerRootfs prepare(RootfsSource source, String containerId, Path dataRoot);

    /**
     * What {@link #prepare} would give, without creating or unpacking anything (for
     * {@code --explain}); paths may not exist yet.
     */
    ContainerRootfs describe(RootfsSource source, String containerId, Path dataRoot);

    /** Removes what {@link #prepare} created for the container; nothing when it created nothing. */
    void release(String containerId, Path dataRoot);

    /** What {@link #release} removes, for the launcher to remove instead if the runtime dies while the container runs. */
    default List<Leftover> leftovers(String containerId, Path dataRoot) {
        return List.of();
    }
}
