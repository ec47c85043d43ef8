package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.extract.ConfinedTree;
import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The folders a layer needs but has no entry for: its root, and the parents of entries such
 * as {@code usr/bin/tool} in a layer without {@code usr/}. overlayfs shows the topmost
 * layer's folder attributes, so a folder this layer must create would otherwise replace the
 * lower layers' owner, mode and mtime with whatever the umask gives; it takes them from the
 * folder the lower layers show at that place instead (0755 when they show none).
 */
final class ImplicitFolders {
    private static final int DEFAULT_MODE = 0755;

    private final ConfinedTree tree;
    private final LowerLayers lower;
    private final LayerDeletions deletions;
    private final EntryCopier copier;
    /** The folders still without an entry of their own, with the lower folder to imitate (null: none). */
    private final Map<EntryName, FileStat> pending = new HashMap<>();

    ImplicitFolders(ConfinedTree tree, LowerLayers lower, LayerDeletions deletions, EntryCopier copier)
            throws IOException {
        this.tree = tree;
        this.lower = lower;
        this.deletions = deletions;
        this.copier = copier;
        // The root is implicit until the layer has a "./" entry.
        FileStat root = lowerFolder(EntryNames.ROOT);
        if (root != null) {
            copier.startFolder(tree.root(), root);
        }
        pending.put(EntryNames.ROOT, root);
    }

    /**
     * Creates the missing parents of {@code name}. A parent that is a whiteout this layer
     * placed becomes a folder (the whiteout still hides the lower one: it becomes opaque). A
     * parent that is another non-folder is left for the extractor, which refuses it.
     *
     * @throws UnsafeEntryException when a parent is a symbolic link
     */
    void ensureParents(String entryName, EntryName name) throws IOException {
        Path folder = tree.root();
        List<String> parents = name.parentComponents();
        for (int i = 0; i < parents.size(); i++) {
            folder = folder.resolve(parents.get(i));
            EntryName parent = EntryNames.prefix(name, i + 1);
            FileStat stat = FileStat.of(folder);
            if (stat == null) {
                Files.createDirectory(folder);
                FileStat imitated = deletions.hiddenReason(parent.components()) == null ? lowerFolder(parent) : null;
                if (imitated != null) {
                    copier.startFolder(folder, imitated);
                }
                pending.put(parent, imitated);
            } else if (stat.isSymbolicLink()) {
                throw new UnsafeEntryException(entryName, "its parent \"" + parent
                        + "\" is a symbolic link, and writing through it could leave the root");
            } else if (stat.isWhiteout() && deletions.placedWhiteoutAt(parent)) {
                Files.delete(folder);
                Files.createDirectory(folder);
                pending.put(parent, null);
            } else if (!stat.isDirectory()) {
                return;
            }
        }
    }

    /** The layer has an entry of its own for {@code name}: its attributes are the extractor's business. */
    void hasEntry(EntryName name) {
        pending.remove(name);
    }

    /** Applies modes and mtimes, deepest first, once the layer is written. */
    void finish() throws IOException {
        List<Map.Entry<EntryName, FileStat>> ordered = new ArrayList<>(pending.entrySet());
        ordered.sort(Comparator.comparingInt((Map.Entry<EntryName, FileStat> e) -> e.getKey().depth()).reversed());
        for (Map.Entry<EntryName, FileStat> e : ordered) {
            Path folder;
            try {
                folder = e.getKey().isRoot() ? tree.root() : tree.existing(e.getKey());
            } catch (UnsafeEntryException replacedParent) {
                continue; // a later entry made a parent a link: the folder is out of reach and out of view
            }
            FileStat stat = folder == null ? null : FileStat.of(folder);
            if (stat == null || !stat.isDirectory()) {
                continue; // replaced by a later entry
            }
            if (e.getValue() != null) {
                copier.finishFolder(folder, e.getValue());
            } else {
                EntryCopier.chmod(folder, DEFAULT_MODE);
            }
        }
    }

    private FileStat lowerFolder(EntryName name) throws IOException {
        LowerLayers.Lookup found = lower.find(name.components());
        return found.isFound() && found.stat().isDirectory() ? found.stat() : null;
    }
}
