package dev.contedor.rootfs.extract;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A hook that sees every entry, already validated by {@link EntryName#parse}, before the
 * extractor writes it. Image layer formats build on it: an OCI whiteout ({@code .wh.name})
 * is applied through {@link ConfinedTree} (a deletion, or overlayfs's own whiteout) and the
 * hook returns true so that the marker itself is not written. A layer format may also
 * satisfy hard links to files of the layers below, which a plain extraction refuses
 * ({@link #linkOutsideArchive}).
 */
@FunctionalInterface
public interface EntryInterceptor {
    EntryInterceptor NONE = (entry, name, tree) -> false;

    /** @return true when the entry was handled and the extractor must skip it */
    boolean intercept(TarArchiveEntry entry, EntryName name, ConfinedTree tree) throws IOException;

    /**
     * A hard link whose target is not a regular file written earlier from this archive, which
     * the extractor refuses unless this returns true. An image layer may link to a file of a
     * lower layer; its format then creates {@code linkPath} itself (a copy: a hard link cannot
     * cross layers), after {@link ConfinedTree#clearForNewEntry} for what may be there.
     *
     * @param target   the link's target, validated like an entry name
     * @param linkPath where the link goes; its parents are real directories inside the tree
     * @return true when {@code linkPath} now holds the file; false to have the link refused
     * @throws UnsafeEntryException to refuse it with a more precise reason
     */
    default boolean linkOutsideArchive(TarArchiveEntry entry, EntryName name, EntryName target, Path linkPath,
            ConfinedTree tree) throws IOException {
        return false;
    }
}
