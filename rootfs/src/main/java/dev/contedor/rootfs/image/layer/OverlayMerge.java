package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.posix.NativeFiles.NativeCallException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One merge of overlayfs-format layers into a plain tree, following overlayfs's lookup: for
 * each name the topmost layer that has it decides; a whiteout there hides it, a non-folder
 * is the entry, and a folder merges with the folders of that name below it, down to the
 * first opaque one or the first layer where the name is something else.
 *
 * <p>Links are never followed: every path is a folder found by lstat plus one name, and
 * symbolic links are copied as links. Hard links between files of one layer stay hard links.
 */
final class OverlayMerge {
    private final EntryCopier copier;
    /** Source inodes copied so far, to their copy: the files that had several names keep one inode. */
    private final Map<FileStat.InodeKey, Path> copiedInodes = new HashMap<>();

    OverlayMerge(boolean preserveOwnership) {
        this.copier = new EntryCopier(preserveOwnership);
    }

    /** Merges the layers' roots (real paths, top first) into the existing folder {@code target}. */
    void mergeRoots(List<Path> layersTopFirst, Path target) throws IOException {
        // Every root takes part: overlayfs ignores an opaque mark on a layer's root.
        FileStat top = FileStat.of(layersTopFirst.getFirst());
        copier.startFolder(target, top);
        mergeFolders(layersTopFirst, target);
        copier.finishFolder(target, top);
    }

    /** Fills {@code target} with the merged content of {@code sources}, folders of one name, top first. */
    private void mergeFolders(List<Path> sources, Path target) throws IOException {
        Set<String> decided = new LinkedHashSet<>();
        for (int layer = 0; layer < sources.size(); layer++) {
            for (String name : childNames(sources.get(layer))) {
                if (decided.add(name)) {
                    mergeEntry(sources, layer, name, target.resolve(name));
                }
            }
        }
    }

    /** The entry {@code name}, found first in {@code sources[topmost]}. */
    private void mergeEntry(List<Path> sources, int topmost, String name, Path target) throws IOException {
        Path source = sources.get(topmost).resolve(name);
        FileStat stat = FileStat.of(source);
        if (stat == null) {
            throw new IOException("layer file " + source + " disappeared while the layers were merged;"
                    + " layers must not change while in use");
        }
        if (stat.isWhiteout()) {
            return;
        }
        if (!stat.isDirectory()) {
            copyNonFolder(source, stat, target);
            return;
        }
        List<Path> merged = new ArrayList<>();
        merged.add(source);
        boolean opaque = OverlayFormat.isOpaque(source);
        for (int below = topmost + 1; below < sources.size() && !opaque; below++) {
            Path lower = sources.get(below).resolve(name);
            FileStat lowerStat = FileStat.of(lower);
            if (lowerStat == null) {
                continue; // absent in this layer: the next one down may still have the folder
            }
            if (!lowerStat.isDirectory()) {
                break; // a whiteout or a file of that name ends the folder's reach downwards
            }
            merged.add(lower);
            opaque = OverlayFormat.isOpaque(lower);
        }
        Files.createDirectory(target);
        copier.startFolder(target, stat);
        mergeFolders(merged, target);
        copier.finishFolder(target, stat);
    }

    private void copyNonFolder(Path source, FileStat stat, Path target) throws IOException {
        if (stat.isSymbolicLink()) {
            copier.copySymbolicLink(source, stat, target);
        } else if (stat.isRegularFile()) {
            Path earlier = stat.nlink() > 1 ? copiedInodes.get(stat.key()) : null;
            if (earlier != null) {
                Files.createLink(target, earlier);
            } else {
                copier.copyRegularFile(source, stat, target);
                if (stat.nlink() > 1) {
                    copiedInodes.put(stat.key(), target);
                }
            }
        } else {
            try {
                copier.copySpecialFile(stat, target);
            } catch (NativeCallException e) {
                if (e.isPermissionDenied()) {
                    throw new IOException("layer file " + source + " is a " + stat.kind() + ": " + e.getMessage()
                            + "; creating devices needs root (CAP_MKNOD): flatten image layers as root", e);
                }
                throw e;
            }
        }
    }

    private static List<String> childNames(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(null); // a stable order makes the copies' inode order, and any failure, repeatable
        return names;
    }
}
