package dev.contedor.rootfs.extract;

import dev.contedor.rootfs.files.TreeDeleter;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directory an archive is extracted into, and the only way the extractor reaches paths
 * inside it. Every parent component of an entry is checked with lstat: a symbolic link on
 * the way is refused instead of followed, which is what keeps an entry like {@code evil/x}
 * (after {@code evil -> /}) from writing outside. Nothing here follows a link.
 */
public final class ConfinedTree {
    private final Path root;

    /** @param root an existing directory; resolved to its real path once, since it is trusted */
    public ConfinedTree(Path root) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root + " is not a directory");
        }
    }

    public Path root() {
        return root;
    }

    /** The path of a name without any check; only for names whose parents were already checked. */
    Path pathOf(EntryName name) {
        Path p = root;
        for (String c : name.components()) {
            p = p.resolve(c);
        }
        return p;
    }

    /**
     * The directory that will hold {@code name}, creating missing parents as plain
     * directories (mode from the umask) and refusing a parent that is a symbolic link or
     * not a directory.
     */
    public Path prepareParent(EntryName name) throws IOException {
        Path dir = root;
        StringBuilder walked = new StringBuilder();
        for (String component : name.parentComponents()) {
            dir = dir.resolve(component);
            walked.append(walked.isEmpty() ? "" : "/").append(component);
            BasicFileAttributes attrs = lstat(dir);
            if (attrs == null) {
                Files.createDirectory(dir);
            } else if (attrs.isSymbolicLink()) {
                throw new UnsafeEntryException(name.raw(),
                        "its parent \"" + walked + "\" is a symbolic link, and writing through it could leave the root");
            } else if (!attrs.isDirectory()) {
                throw new TarEntryException(name.raw(), "its parent \"" + walked + "\" is not a directory");
            }
        }
        return dir;
    }

    /**
     * The path of an existing {@code name} whose parents are all real directories, or null
     * when it or a parent is missing. A parent that is a symbolic link is refused.
     */
    public Path existing(EntryName name) throws IOException {
        Path dir = root;
        StringBuilder walked = new StringBuilder();
        for (String component : name.parentComponents()) {
            dir = dir.resolve(component);
            walked.append(walked.isEmpty() ? "" : "/").append(component);
            BasicFileAttributes attrs = lstat(dir);
            if (attrs == null || !(attrs.isDirectory() || attrs.isSymbolicLink())) {
                return null;
            }
            if (attrs.isSymbolicLink()) {
                throw new UnsafeEntryException(name.raw(),
                        "the path it names passes through the symbolic link \"" + walked + "\"");
            }
        }
        Path p = name.isRoot() ? root : dir.resolve(name.fileName());
        return lstat(p) == null ? null : p;
    }

    /**
     * Makes room for a new entry at {@code path}: removes a file, link, device or empty
     * directory there. Returns false when a directory stays (the caller wants a directory
     * and one exists); a non-empty directory in the way of a non-directory is an error.
     */
    public boolean clearForNewEntry(Path path, EntryName name, boolean newIsDirectory) throws IOException {
        BasicFileAttributes attrs = lstat(path);
        if (attrs == null) {
            return true;
        }
        if (attrs.isDirectory()) {
            if (newIsDirectory) {
                return false;
            }
            try {
                Files.delete(path);
            } catch (DirectoryNotEmptyException e) {
                throw new TarEntryException(name.raw(), "a non-empty directory of that name already exists");
            }
            return true;
        }
        Files.delete(path);
        return true;
    }

    /** Removes {@code name} and, for a directory, all below it; for whiteouts. Missing is fine. */
    public void removeRecursively(EntryName name) throws IOException {
        if (name.isRoot()) {
            throw new UnsafeEntryException(name.raw(), "it would remove the whole root");
        }
        Path p = existing(name);
        if (p != null) {
            TreeDeleter.delete(p);
        }
    }

    /** lstat, or null when nothing is there. */
    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
