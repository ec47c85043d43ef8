package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import java.util.List;

/** Names derived from entry names: the folders above them. */
final class EntryNames {
    static final EntryName ROOT = parseTrusted("");

    private EntryNames() {
    }

    /** The first {@code length} components of {@code name}; the root for 0. */
    static EntryName prefix(EntryName name, int length) {
        return of(name.components().subList(0, length));
    }

    /** The name of components taken from a valid name. */
    static EntryName of(List<String> components) {
        return parseTrusted(String.join("/", components));
    }

    /** Parses a name built from components that were validated already, so it cannot be refused. */
    private static EntryName parseTrusted(String path) {
        try {
            return EntryName.parse(path);
        } catch (UnsafeEntryException e) {
            throw new IllegalStateException("components of a valid name were refused: " + path, e);
        }
    }
}
