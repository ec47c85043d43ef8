package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.extract.ConfinedTree;
import dev.contedor.rootfs.extract.EntryInterceptor;
import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.ExtractionOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * One layer being unpacked: what the extractor hands to the layer format (each entry first,
 * hard links to files it does not have) and the work left once the last entry is written.
 * An interceptor given in the options runs first, and may take entries or links over.
 */
final class LayerRun implements EntryInterceptor {
    private final EntryInterceptor callerInterceptor;
    private final LayerDeletions deletions;
    private final ImplicitFolders folders;
    private final LowerHardLinks lowerLinks;

    LayerRun(ConfinedTree tree, List<Path> lowerLayers, ExtractionOptions options) throws IOException {
        this.callerInterceptor = options.interceptor();
        LowerLayers lower = new LowerLayers(lowerLayers);
        EntryCopier copier = new EntryCopier(options.preserveOwnership());
        this.deletions = new LayerDeletions(tree, lower, options.createDevices());
        this.folders = new ImplicitFolders(tree, lower, deletions, copier);
        this.lowerLinks = new LowerHardLinks(lower, deletions, copier);
    }

    @Override
    public boolean intercept(TarArchiveEntry entry, EntryName name, ConfinedTree tree) throws IOException {
        if (callerInterceptor.intercept(entry, name, tree)) {
            return true;
        }
        folders.ensureParents(entry.getName(), name);
        Optional<WhiteoutMarker> marker = WhiteoutMarker.of(entry, name);
        if (marker.isPresent()) {
            deletions.apply(marker.get(), name);
            return true;
        }
        folders.hasEntry(name);
        return false;
    }

    @Override
    public boolean linkOutsideArchive(TarArchiveEntry entry, EntryName name, EntryName target, Path linkPath,
            ConfinedTree tree) throws IOException {
        return callerInterceptor.linkOutsideArchive(entry, name, target, linkPath, tree)
                || lowerLinks.link(entry.getName(), name, target, linkPath, tree);
    }

    /** Opaque marks and the attributes of implied folders, after the extractor is done. */
    void finish() throws IOException {
        deletions.finish();
        folders.finish();
    }
}
