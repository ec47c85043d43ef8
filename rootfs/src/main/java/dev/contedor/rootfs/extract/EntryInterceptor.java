package dev.contedor.rootfs.extract;

import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A hook that sees every entry, already validated by {@link EntryName#parse}, before the
 * extractor writes it. Image layer formats build on it: an OCI whiteout ({@code .wh.name})
 * deletes {@code name} through {@link ConfinedTree} and returns true so that the marker
 * itself is not written.
 */
@FunctionalInterface
public interface EntryInterceptor {
    EntryInterceptor NONE = (entry, name, tree) -> false;

    /** @return true when the entry was handled and the extractor must skip it */
    boolean intercept(TarArchiveEntry entry, EntryName name, ConfinedTree tree) throws IOException;
}
