package dev.contedor.rootfs.image.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The layers below the one being unpacked, top first, read the way overlayfs reads them:
 * the first layer that has a name decides what it is, a whiteout there hides it, a folder
 * marked opaque hides what the layers further down have below it, and a non-folder in the
 * way of a path hides the rest of the path. Nothing here follows a symbolic link.
 */
final class LowerLayers {
    private final List<Path> layersTopFirst;

    /** What a lower path is: the file that shows, or why none does. */
    record Lookup(Path path, FileStat stat, String whyNot) {
        static Lookup found(Path path, FileStat stat) {
            return new Lookup(path, stat, null);
        }

        static Lookup missing(String whyNot) {
            return new Lookup(null, null, whyNot);
        }

        boolean isFound() {
            return path != null;
        }
    }

    /** @param layersTopFirst real paths of existing layer folders */
    LowerLayers(List<Path> layersTopFirst) {
        this.layersTopFirst = List.copyOf(layersTopFirst);
    }

    List<Path> folders() {
        return layersTopFirst;
    }

    /** What the lower layers show at {@code components} (relative to their roots; empty for the root). */
    Lookup find(List<String> components) throws IOException {
        String shown = String.join("/", components);
        if (components.isEmpty()) {
            if (layersTopFirst.isEmpty()) {
                return Lookup.missing("there is no layer below");
            }
            Path root = layersTopFirst.getFirst();
            return Lookup.found(root, FileStat.of(root));
        }
        for (Path layer : layersTopFirst) {
            Path path = layer;
            String opaqueFolder = null;
            for (int depth = 0; depth < components.size(); depth++) {
                path = path.resolve(components.get(depth));
                FileStat stat = FileStat.of(path);
                String walked = String.join("/", components.subList(0, depth + 1));
                if (stat == null) {
                    if (opaqueFolder != null) {
                        return Lookup.missing("the folder \"" + opaqueFolder + "\" of layer " + layer
                                + " is opaque and hides the layers below it");
                    }
                    break; // this layer says nothing about the path: the next one down decides
                }
                if (stat.isWhiteout()) {
                    return Lookup.missing("\"" + walked + "\" is whited out in layer " + layer);
                }
                if (depth == components.size() - 1) {
                    return Lookup.found(path, stat);
                }
                if (stat.isSymbolicLink()) {
                    return Lookup.missing("\"" + walked + "\" is a symbolic link in layer " + layer
                            + ", and paths through links are not followed");
                }
                if (!stat.isDirectory()) {
                    return Lookup.missing("\"" + walked + "\" is a " + stat.kind() + " in layer " + layer
                            + ", not a folder");
                }
                if (opaqueFolder == null && OverlayFormat.isOpaque(path)) {
                    opaqueFolder = walked;
                }
            }
        }
        return Lookup.missing("\"" + shown + "\" is in none of the layers below");
    }
}
