package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.extract.ConfinedTree;
import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.TarEntryException;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import dev.contedor.rootfs.posix.NativeFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whiteouts of one layer, written in overlayfs format. The OCI rule is that a whiteout
 * applies to the lower layers only, wherever it sits in the archive; overlayfs already lets
 * the layer's own entries win over the layers below, so what is left is:
 * <ul>
 * <li>{@code .wh.NAME} with no entry NAME in this layer: a whiteout device at NAME, if the
 *     lower layers show a NAME at all;</li>
 * <li>{@code .wh.NAME} and a folder NAME in this layer: the folder becomes opaque, since it
 *     replaces the lower one rather than merging with it;</li>
 * <li>{@code .wh.NAME} and a non-folder NAME in this layer: nothing, the entry hides the lower one;</li>
 * <li>{@code .wh..wh..opq}: its folder becomes opaque. overlayfs ignores that on a layer's
 *     root, so there every name of the lower roots gets a whiteout (or, for a folder of this
 *     layer, the opaque mark) instead.</li>
 * </ul>
 * The devices are made as the markers come (so that the extractor's folder mtimes, applied
 * last, stay right); the opaque marks at the end, when it is known which folders survived.
 */
final class LayerDeletions {
    private final ConfinedTree tree;
    private final LowerLayers lower;
    private final boolean createDevices;
    private final Set<EntryName> removed = new LinkedHashSet<>();
    private final Set<EntryName> placedWhiteouts = new HashSet<>();
    private final Set<EntryName> opaqueFolders = new LinkedHashSet<>();
    /** The root's opaque marker as the archive names it, for messages. */
    private String rootOpaqueEntry;

    LayerDeletions(ConfinedTree tree, LowerLayers lower, boolean createDevices) {
        this.tree = tree;
        this.lower = lower;
        this.createDevices = createDevices;
    }

    /**
     * Records a marker; its folder exists already ({@link ImplicitFolders#ensureParents}).
     *
     * @param markerName the marker entry's own name, which refusals name
     */
    void apply(WhiteoutMarker marker, EntryName markerName) throws IOException {
        switch (marker) {
            case WhiteoutMarker.Opaque opaque -> {
                opaqueFolders.add(opaque.folder());
                if (opaque.folder().isRoot()) {
                    rootOpaqueEntry = markerName.raw();
                }
            }
            case WhiteoutMarker.Removal removal -> remove(removal.removed(), markerName);
        }
    }

    private void remove(EntryName name, EntryName markerName) throws IOException {
        removed.add(name);
        // The marker and the name it removes share their folder; asking for the marker's makes a
        // refusal (a parent that is a link or no folder) name the entry as the archive does.
        Path path = tree.prepareParent(markerName).resolve(name.fileName());
        if (FileStat.of(path) != null) {
            return; // this layer's own entry (or an earlier whiteout): it stays, see the class comment
        }
        if (!lower.find(name.components()).isFound()) {
            // Nothing to hide. overlayfs lists the names of whiteouts in a folder that only one
            // layer has (and then fails to stat them), so a needless one would be a phantom entry.
            return;
        }
        if (!createDevices) {
            throw new TarEntryException(markerName.raw(), "a whiteout is stored as a 0/0 character device, and creating"
                    + " devices needs root (CAP_MKNOD); unpack image layers as root");
        }
        OverlayFormat.placeWhiteout(path);
        placedWhiteouts.add(name);
    }

    boolean placedWhiteoutAt(EntryName name) {
        return placedWhiteouts.contains(name);
    }

    /**
     * Why this layer hides what the lower layers have at {@code components}, or null when it
     * does not: a whiteout of the path or of a folder above it, or an opaque folder above it.
     */
    String hiddenReason(List<String> components) {
        for (int length = 0; length <= components.size(); length++) {
            EntryName above = EntryNames.of(components.subList(0, length));
            if (length > 0 && removed.contains(above)) {
                return "\"" + above + "\" is whited out in this layer";
            }
            if (length < components.size() && opaqueFolders.contains(above)) {
                return "the folder \"" + above + "\" is opaque in this layer";
            }
        }
        return null;
    }

    /** Sets the opaque marks; the layer's entries are all written. */
    void finish() throws IOException {
        Set<EntryName> opaque = new LinkedHashSet<>(opaqueFolders);
        if (opaque.remove(EntryNames.ROOT)) {
            hideLowerRoots();
        }
        opaque.addAll(removed);
        for (EntryName name : opaque) {
            Path folder;
            try {
                folder = tree.existing(name);
            } catch (UnsafeEntryException replacedParent) {
                continue; // a parent became a link: the folder is gone from this layer's view
            }
            FileStat stat = folder == null ? null : FileStat.of(folder);
            if (stat != null && stat.isDirectory()) {
                OverlayFormat.markOpaque(folder);
            }
        }
    }

    /** An opaque root, spelled out: overlayfs would not honour the mark there. */
    private void hideLowerRoots() throws IOException {
        Path root = tree.root();
        FileStat rootBefore = FileStat.of(root);
        Set<String> names = new TreeSet<>();
        for (Path layer : lower.folders()) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(layer)) {
                children.forEach(child -> names.add(child.getFileName().toString()));
            }
        }
        for (String child : names) {
            Path path = root.resolve(child);
            FileStat stat = FileStat.of(path);
            if (stat == null) {
                if (!lower.find(List.of(child)).isFound()) {
                    continue; // whited out below already: see remove()
                }
                if (!createDevices) {
                    throw new TarEntryException(rootOpaqueEntry, "an opaque root needs a whiteout for \""
                            + child + "\", and creating devices needs root (CAP_MKNOD); unpack image layers as root");
                }
                OverlayFormat.placeWhiteout(path);
            } else if (stat.isDirectory()) {
                OverlayFormat.markOpaque(path);
            }
        }
        // The new whiteouts touched the root's mtime, which the layer (or a lower root) set.
        NativeFiles.setModificationTime(root, rootBefore.mtime());
    }
}
