package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * An OCI layer entry that deletes rather than adds (image-spec, layer.md, "Whiteouts"): a
 * name {@code .wh.NAME} removes the sibling {@code NAME} of the lower layers, the name
 * {@code .wh..wh..opq} hides everything the lower layers have in its folder. The prefix is
 * reserved, so no other name may start with it.
 */
sealed interface WhiteoutMarker {
    String PREFIX = ".wh.";
    String OPAQUE = ".wh..wh..opq";

    /** {@code .wh..wh..opq}: the lower layers' content of {@code folder} is hidden. */
    record Opaque(EntryName folder) implements WhiteoutMarker {
    }

    /** {@code .wh.NAME}: the lower layers' {@code removed} (with all below it) is hidden. */
    record Removal(EntryName removed) implements WhiteoutMarker {
    }

    /**
     * @return the marker an entry is, or empty for an ordinary entry
     * @throws UnsafeEntryException for a reserved name that is no valid marker
     */
    static Optional<WhiteoutMarker> of(TarArchiveEntry entry, EntryName name) throws UnsafeEntryException {
        if (name.isRoot() || !name.fileName().startsWith(PREFIX)) {
            return Optional.empty();
        }
        String fileName = name.fileName();
        // Whiteouts are empty regular files; layers made from aufs branches store the second and
        // later ones as hard links to the first (aufs links them all to one inode), so those count too.
        byte flag = entry.getLinkFlag();
        if (flag != TarConstants.LF_NORMAL && flag != TarConstants.LF_OLDNORM && flag != TarConstants.LF_LINK) {
            throw new UnsafeEntryException(entry.getName(), "names starting with \"" + PREFIX
                    + "\" are reserved for whiteouts, and a whiteout must be an empty regular file, not a "
                    + describeType(entry) + "; rebuild the layer without it");
        }
        EntryName folder = parent(entry, name);
        if (fileName.equals(OPAQUE)) {
            return Optional.of(new Opaque(folder));
        }
        String removed = fileName.substring(PREFIX.length());
        if (removed.isEmpty() || removed.equals(".") || removed.equals("..") || removed.startsWith(PREFIX)) {
            // ".wh." / ".wh.." / ".wh..." would remove the folder itself or its parent; names like
            // ".wh..wh.plnk" are aufs bookkeeping that has no place in an image.
            throw new UnsafeEntryException(entry.getName(), "\"" + fileName + "\" is not a valid whiteout: only \""
                    + OPAQUE + "\" and \"" + PREFIX + "NAME\" for an ordinary NAME are; rebuild the layer without it");
        }
        return Optional.of(new Removal(child(entry, folder, removed)));
    }

    private static EntryName parent(TarArchiveEntry entry, EntryName name) throws UnsafeEntryException {
        return relative(entry, String.join("/", name.parentComponents()));
    }

    private static EntryName child(TarArchiveEntry entry, EntryName folder, String fileName)
            throws UnsafeEntryException {
        return relative(entry, folder.isRoot() ? fileName : folder + "/" + fileName);
    }

    private static EntryName relative(TarArchiveEntry entry, String path) throws UnsafeEntryException {
        try {
            return EntryName.parse(path);
        } catch (UnsafeEntryException e) {
            // Components of a parsed name parse again; kept so that a change there cannot go unnoticed.
            throw new UnsafeEntryException(entry.getName(), "its whiteout target \"" + path + "\" is not a valid name");
        }
    }

    private static String describeType(TarArchiveEntry entry) {
        if (entry.isDirectory()) {
            return "folder";
        }
        if (entry.isSymbolicLink()) {
            return "symbolic link";
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "device";
        }
        if (entry.isFIFO()) {
            return "fifo";
        }
        return "tar entry of type '" + (char) entry.getLinkFlag() + "'";
    }
}
