package dev.contedor.rootfs.image.layer;

import dev.contedor.host.ProcessCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges image layers kept in overlayfs format ({@link LayerUnpacker}) into one ordinary
 * folder tree, for hosts or file systems where overlayfs cannot be mounted. The result is
 * what the container would see through the overlayfs mount, without the mount.
 */
public final class LayerFlattener {
    private LayerFlattener() {
    }

    /**
     * Copies layers (top first, overlayfs format) into target (existing, empty) as one plain tree,
     * as the container would see them through overlayfs: whiteouts remove, opaque folders hide lower
     * content, upper entries replace lower ones (a file replacing a folder and vice versa). Preserves
     * owners, modes (setuid), mtimes, symlinks, devices/fifos, hard links within a layer, and the
     * security.capability xattr. Used when overlayfs is not available. Never follows a symlink out.
     *
     * <p>Meant to run as root: owners are preserved as root only, devices need root, and the
     * opaque marks are {@code trusted.*} xattrs, which other users cannot even read (so they
     * would see lower content an opaque folder hides). The layers must not change meanwhile.
     * On failure {@code target} holds a partial tree, for the caller to remove.
     *
     * @throws IOException when a layer is not a folder, target is not an empty folder, or a file cannot be copied
     */
    public static void flatten(List<Path> layersTopFirst, Path target) throws IOException {
        if (layersTopFirst.isEmpty()) {
            throw new IllegalArgumentException("no layers to flatten; an image has at least one layer");
        }
        Path root = emptyFolder(target);
        List<Path> layers = new ArrayList<>();
        for (Path layer : layersTopFirst) {
            if (!Files.isDirectory(layer)) {
                throw new IOException("layer " + layer + " is not a folder; pass the folders of unpacked layers");
            }
            Path real = layer.toRealPath();
            if (real.equals(root) || real.startsWith(root) || root.startsWith(real)) {
                throw new IOException("layer " + layer + " and the flattening target " + target
                        + " overlap; flatten into a folder outside the layers");
            }
            layers.add(real);
        }
        new OverlayMerge(ProcessCredentials.isRoot()).mergeRoots(layers, root);
    }

    private static Path emptyFolder(Path target) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("flattening target " + target + " is not an existing folder; create it empty first");
        }
        try (Stream<Path> content = Files.list(target)) {
            if (content.findAny().isPresent()) {
                throw new IOException("flattening target " + target + " is not empty; flatten into a new empty folder");
            }
        }
        return target.toRealPath();
    }
}
