package dev.contedor.rootfs.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Extracts a tar stream into a directory without ever writing outside it, preserving what a
 * root filesystem needs: modes (setuid, setgid, sticky), owners (as root), mtimes, hard and
 * symbolic links, devices and fifos, and file capabilities.
 *
 * <p>Refused, with the entry named: absolute names, names with {@code ..}, entries whose
 * parent is a symbolic link, hard links to anything but a regular file extracted earlier
 * from the same archive, and relative symbolic links that climb above the root. Absolute
 * symbolic links are allowed: at run time they resolve inside the container's root.
 *
 * <p>The stream is read with commons-compress (GNU long names, PAX, sparse files) and is
 * not closed. The extractor may be reused; each call is independent.
 */
public final class SafeTarExtractor {
    private final ExtractionOptions options;

    /** An extractor that does everything the current user may (owners and devices as root). */
    public SafeTarExtractor() {
        this(ExtractionOptions.forCurrentUser());
    }

    public SafeTarExtractor(ExtractionOptions options) {
        this.options = options;
    }

    /**
     * @param tarStream an uncompressed tar stream, left open
     * @param root      an existing directory; existing content is kept or replaced entry by entry
     * @throws UnsafeEntryException when an entry is refused
     * @throws TarEntryException    when an entry cannot be written or the archive is corrupt at it
     * @throws IOException          when the archive cannot be read at all
     */
    public ExtractionSummary extract(InputStream tarStream, Path root) throws IOException {
        return new ExtractionRun(new ConfinedTree(root), options).extract(tarStream);
    }
}
