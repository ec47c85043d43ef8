package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.extract.ConfinedTree;
import dev.contedor.rootfs.extract.ExtractionOptions;
import dev.contedor.rootfs.extract.ExtractionSummary;
import dev.contedor.rootfs.extract.SafeTarExtractor;
import dev.contedor.rootfs.extract.WriteBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unpacks OCI and docker image layers, each into a folder of its own in overlayfs format, so
 * that the folders can be stacked as overlayfs lower layers as they are (or merged by
 * {@link LayerFlattener} where overlayfs is not available).
 *
 * <p>The layer tar is extracted by {@link SafeTarExtractor}, with all its refusals; on top of
 * that the layer format is applied: whiteouts become overlayfs whiteouts and opaque folders,
 * names reserved for whiteouts are refused, hard links to lower layers become copies, and
 * folders the layer implies without an entry take the attributes the lower layers show.
 * Whiteouts and opaque marks need root, as overlayfs layers do.
 */
public final class LayerUnpacker {
    private final ExtractionOptions options;

    /** Everything the current user may do: owners and devices (whiteouts included) as root. */
    public LayerUnpacker() {
        this(ExtractionOptions.forCurrentUser());
    }

    /** @param options its interceptor, if any, sees every entry before the layer format does */
    public LayerUnpacker(ExtractionOptions options) {
        this.options = options;
    }

    /**
     * Unpacks one image layer (an uncompressed tar stream, left open) into target, an existing
     * empty folder, in overlayfs format: an OCI whiteout ".wh.NAME" becomes a 0/0 character
     * device NAME; an opaque marker ".wh..wh..opq" sets xattr trusted.overlay.opaque="y" on its
     * folder (created if the layer has no entry for it); other ".wh."-prefixed names are refused.
     * A hard link whose target is not in this layer but in a lower layer is satisfied by copying
     * the lower file (contents, owner, mode, xattrs, mtime) — lowerLayers are the folders of the
     * layers below, top first, themselves in overlayfs format (a whiteout there hides the file).
     * All SafeTarExtractor safety rules apply; refusals throw UnsafeEntryException naming the entry.
     *
     * @throws dev.contedor.rootfs.extract.UnsafeEntryException when an entry is refused
     * @throws dev.contedor.rootfs.extract.TarEntryException    when an entry cannot be written
     * @throws IOException when the target is not an empty folder, a lower layer is not a folder,
     *                     or the archive cannot be read
     */
    public ExtractionSummary unpack(InputStream tar, Path target, List<Path> lowerLayers) throws IOException {
        return unpack(tar, target, lowerLayers, options.budget());
    }

    /** {@link #unpack(InputStream, Path, List)}, charging what it writes to {@code budget} (an import's). */
    public ExtractionSummary unpack(InputStream tar, Path target, List<Path> lowerLayers, WriteBudget budget)
            throws IOException {
        Path root = emptyFolder(target);
        List<Path> lower = new ArrayList<>();
        for (Path layer : lowerLayers) {
            lower.add(lowerFolder(layer, root));
        }
        ExtractionOptions budgeted = options.withBudget(budget);
        LayerRun run = new LayerRun(new ConfinedTree(root), lower, budgeted);
        ExtractionSummary summary = new SafeTarExtractor(budgeted.withInterceptor(run)).extract(tar, root);
        run.finish();
        return summary;
    }

    private static Path emptyFolder(Path target) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("layer folder " + target + " is not an existing folder; create it empty first");
        }
        try (Stream<Path> content = Files.list(target)) {
            if (content.findAny().isPresent()) {
                throw new IOException("layer folder " + target + " is not empty; unpack each layer into a new empty"
                        + " folder (remove what a failed attempt left)");
            }
        }
        return target.toRealPath();
    }

    private static Path lowerFolder(Path layer, Path target) throws IOException {
        if (!Files.isDirectory(layer)) {
            throw new IOException("lower layer " + layer + " is not a folder; pass the folders of the layers"
                    + " already unpacked, top first");
        }
        Path real = layer.toRealPath();
        if (real.equals(target)) {
            throw new IOException("lower layer " + layer + " is the folder being unpacked into; pass only the"
                    + " layers below it");
        }
        return real;
    }
}
