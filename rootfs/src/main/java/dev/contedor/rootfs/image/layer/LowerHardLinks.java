package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.extract.ConfinedTree;
import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hard links from a layer to a file of the layers below. A hard link cannot cross layer
 * folders (nor should it: the lower file must not change), so the link becomes a copy of
 * the file the lower layers show, with its attributes; further links to the same lower file
 * link to that copy, as they shared one inode in the image. A target that the lower layers
 * do not show (whited out, under an opaque folder, behind a link) is refused.
 */
final class LowerHardLinks {
    private final LowerLayers lower;
    private final LayerDeletions deletions;
    private final EntryCopier copier;
    /** Lower file (by its name) to the copy made for its first link. */
    private final Map<EntryName, Copy> copies = new HashMap<>();

    private record Copy(EntryName name, FileStat.InodeKey inode) {
    }

    LowerHardLinks(LowerLayers lower, LayerDeletions deletions, EntryCopier copier) {
        this.lower = lower;
        this.deletions = deletions;
        this.copier = copier;
    }

    /** Creates {@code linkPath} as the lower file {@code target}, or refuses the link. */
    boolean link(String entryName, EntryName name, EntryName target, Path linkPath, ConfinedTree tree)
            throws IOException {
        for (String component : target.components()) {
            if (component.startsWith(WhiteoutMarker.PREFIX)) {
                throw refusal(entryName, target, "names a whiteout marker, which is no file;"
                        + " hard links to whiteouts are not allowed");
            }
        }
        String hidden = deletions.hiddenReason(target.components());
        if (hidden != null) {
            throw refusal(entryName, target, "is not a file of this layer, and the layers below are hidden: " + hidden);
        }
        checkNotShadowedByThisLayer(entryName, target, tree);
        LowerLayers.Lookup found = lower.find(target.components());
        if (!found.isFound()) {
            throw refusal(entryName, target, "is neither a regular file earlier in this layer nor shown by the"
                    + " layers below: " + found.whyNot());
        }
        if (!found.stat().isRegularFile()) {
            throw refusal(entryName, target, "is a " + found.stat().kind() + " in " + found.path()
                    + "; hard links must name a regular file");
        }
        Path earlierCopy = earlierCopy(target, tree);
        tree.clearForNewEntry(linkPath, name, false);
        if (earlierCopy != null) {
            Files.createLink(linkPath, earlierCopy);
        } else {
            copier.copyRegularFile(found.path(), found.stat(), linkPath);
            copies.put(target, new Copy(name, FileStat.of(linkPath).key()));
        }
        return true;
    }

    /**
     * This layer's own entries at the target's path come before the lower layers: a
     * non-folder on the way, or anything at the path itself (the extractor asked because it
     * is no regular file of this archive), means the lower file is not what the name shows.
     */
    private static void checkNotShadowedByThisLayer(String entryName, EntryName target, ConfinedTree tree)
            throws IOException {
        Path path = tree.root();
        List<String> components = target.components();
        for (int i = 0; i < components.size(); i++) {
            path = path.resolve(components.get(i));
            FileStat stat = FileStat.of(path);
            if (stat == null) {
                return;
            }
            boolean last = i == components.size() - 1;
            if (last || !stat.isDirectory()) {
                String where = String.join("/", components.subList(0, i + 1));
                throw refusal(entryName, target, "is hidden by this layer's " + stat.kind() + " \"" + where + "\"");
            }
        }
    }

    /** The copy made for an earlier link to the same lower file, if it is still that file. */
    private Path earlierCopy(EntryName target, ConfinedTree tree) throws IOException {
        Copy copy = copies.get(target);
        if (copy == null) {
            return null;
        }
        Path path;
        try {
            path = tree.existing(copy.name());
        } catch (UnsafeEntryException parentReplaced) {
            return null;
        }
        FileStat stat = path == null ? null : FileStat.of(path);
        return stat != null && stat.isRegularFile() && stat.key().equals(copy.inode()) ? path : null;
    }

    private static UnsafeEntryException refusal(String entryName, EntryName target, String reason) {
        return new UnsafeEntryException(entryName, "its hard link target \"" + target.raw() + "\" " + reason
                + "; a layer may link only to its own files or to files the layers below show, so the image needs"
                + " rebuilding with the file itself");
    }
}
