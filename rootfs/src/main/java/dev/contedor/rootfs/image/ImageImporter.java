package dev.contedor.rootfs.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.image.format.ConfigWriter;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.format.DockerSaveReader;
import dev.contedor.rootfs.image.format.ImageFiles;
import dev.contedor.rootfs.image.format.ImageManifest;
import dev.contedor.rootfs.image.format.LayerBlob;
import dev.contedor.rootfs.image.format.LayoutFolderFiles;
import dev.contedor.rootfs.image.format.OciLayoutReader;
import dev.contedor.rootfs.image.format.ProgressMeter;
import dev.contedor.rootfs.image.format.SourceSurvey;
import dev.contedor.rootfs.image.format.TarImageFiles;
import dev.contedor.rootfs.image.store.ImportStaging;
import dev.contedor.rootfs.image.store.StoreLayout;
import dev.contedor.rootfs.extract.WriteBudget;
import dev.contedor.rootfs.tarball.ArchiveFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Imports archives and layouts: tells the format, reads the image's documents, unpacks the
 * layers the store lacks into a staging folder (checking every blob), and hands the result
 * to {@link ImageCommit}. Whatever fails, the staging folder goes and the store is as before.
 */
final class ImageImporter {
    private final StoreLayout layout;
    private final LayerImport layerImport;
    private final ImageCommit commit;
    private final Supplier<StoreDisk> disk;

    ImageImporter(StoreLayout layout, LayerImport layerImport, ImageCommit commit, Supplier<StoreDisk> disk) {
        this.layout = layout;
        this.layerImport = layerImport;
        this.commit = commit;
        this.disk = disk;
    }

    /**
     * @param maxBytes {@code --max-size}: the most the import may write (unpacked layers, and the
     *                 spool of a compressed archive); it also always stops before the store's file
     *                 system keeps less than its reserve ({@link WriteBudget})
     */
    Image importArchive(Path source, Optional<ImageReference> tag, ImportProgress progress, OptionalLong maxBytes) {
        ProgressMeter meter = new ProgressMeter(progress);
        boolean done = false;
        try {
            SourceSurvey survey = SourceSurvey.of(source);
            try (ImportStaging staging = ImportStaging.create(layout)) {
                StoreDisk space = disk.get();
                WriteBudget budget = new WriteBudget("cannot import " + source, maxBytes, space.usableBytes(),
                        WriteBudget.reserveOf(space.totalBytes()), "the file system of " + layout.root());
                PreparedImage prepared = switch (survey.kind()) {
                    case ROOTFS_TARBALL -> prepareTarball(source, tag, meter, staging, budget);
                    case OCI_FOLDER -> {
                        LayoutFolderFiles files = new LayoutFolderFiles(source, meter);
                        meter.start(source.toString(), files.totalBytes());
                        yield prepareImage(files, tag, staging, budget);
                    }
                    case DOCKER_ARCHIVE, OCI_ARCHIVE -> prepareArchive(source, survey, tag, meter, staging, budget);
                };
                Image image = commit.commit(prepared);
                done = true;
                return image;
            }
        } catch (IOException e) {
            throw ContedorException.runtime("cannot import " + source + ": " + e.getMessage() + "; nothing was imported", e);
        } finally {
            if (done) {
                meter.complete();
            } else {
                meter.abandon();
            }
        }
    }

    private PreparedImage prepareTarball(Path source, Optional<ImageReference> tag, ProgressMeter meter, ImportStaging staging,
                                         WriteBudget budget) throws IOException {
        meter.start(source.toString(), Files.size(source));
        Path target = staging.newFolder("layer");
        Digest diffId;
        try (InputStream raw = meter.counting(Files.newInputStream(source))) {
            diffId = layerImport.unpack(raw, Optional.empty(), -1, Optional.empty(), "tarball " + source, target, List.of(),
                    budget);
        }
        byte[] config = ConfigWriter.write(ImageConfig.empty(), List.of(diffId));
        return new PreparedImage(config, List.of(diffId), Map.of(diffId, target), tag.stream().toList());
    }

    private PreparedImage prepareArchive(Path source, SourceSurvey survey, Optional<ImageReference> tag, ProgressMeter meter,
                                         ImportStaging staging, WriteBudget budget) throws IOException {
        meter.start(source.toString(), Files.size(source));
        ArchiveFormat compression = survey.compression().orElseThrow();
        ImageFiles files;
        if (compression == ArchiveFormat.TAR) {
            files = TarImageFiles.inPlace(source, meter);
        } else {
            // Compressed: no reading by offset, so the files are copied out once.
            try (InputStream tar = compression.decompress(new BufferedInputStream(meter.counting(Files.newInputStream(source)), 1 << 16))) {
                files = TarImageFiles.spooled(budget.charging(tar), staging.newFolder("spool"), "archive " + source);
            }
        }
        try (files) {
            return prepareImage(files, tag, staging, budget);
        }
    }

    /** Reads the image of an archive or layout and stages the layers the store does not have. */
    private PreparedImage prepareImage(ImageFiles files, Optional<ImageReference> tag, ImportStaging staging,
                                       WriteBudget budget) throws IOException {
        boolean docker = files.exists(DockerSaveReader.MANIFEST_FILE);
        ImageManifest manifest = docker ? DockerSaveReader.read(files, tag) : OciLayoutReader.read(files, tag);
        Map<Digest, Path> staged = new HashMap<>();
        List<Path> belowTopFirst = new ArrayList<>();
        for (LayerBlob layer : manifest.layers()) {
            Digest diffId = layer.diffId();
            Path folder;
            if (staged.containsKey(diffId)) {
                folder = staged.get(diffId);
            } else if (staging.pinIfStored(diffId)) {
                if (layer.digest().isPresent()) {
                    LayerImport.verifyOnly(files, layer);
                }
                folder = layout.layer(diffId);
            } else {
                folder = staging.newFolder("layer");
                try (InputStream blob = files.open(layer.path())) {
                    layerImport.unpack(blob, layer.digest(), layer.size(), Optional.of(diffId), layer.description(), folder,
                            distinct(belowTopFirst), budget);
                }
                staged.put(diffId, folder);
            }
            belowTopFirst.addFirst(folder);
        }
        List<ImageReference> names = tag.isPresent() ? List.of(tag.get()) : manifest.names();
        return new PreparedImage(manifest.configBytes(), manifest.config().diffIds(), staged, names);
    }

    /**
     * Makes a one-layer image of a plain root filesystem folder: moved into staging when it is
     * on the store's filesystem (and back if the import fails), else copied through a tar
     * stream, which also gives the layer its diff id.
     */
    Image importDirectory(Path rootfs, ImageConfig config, Optional<ImageReference> tag) {
        requireSeparateFromStore(rootfs);
        try (ImportStaging staging = ImportStaging.create(layout)) {
            Path staged = staging.folder().resolve("tree");
            boolean moved = tryMove(rootfs, staged);
            boolean done = false;
            try {
                Digest diffId = moved ? DirectoryLayer.hash(staged) : DirectoryLayer.copy(rootfs, staged, layerImport);
                byte[] configBytes = ConfigWriter.write(config, List.of(diffId));
                Map<Digest, Path> layers = staging.pinIfStored(diffId) ? Map.of() : Map.of(diffId, staged);
                Image image = commit.commit(new PreparedImage(configBytes, List.of(diffId), layers, tag.stream().toList()));
                done = true;
                return image;
            } finally {
                if (moved && !done && Files.exists(staged)) {
                    Files.move(staged, rootfs, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw ContedorException.runtime("cannot import the folder " + rootfs + ": " + e.getMessage()
                    + "; nothing was imported", e);
        }
    }

    private void requireSeparateFromStore(Path rootfs) {
        if (!Files.isDirectory(rootfs, LinkOption.NOFOLLOW_LINKS)) {
            throw ContedorException.runtime("cannot import " + rootfs + ": it is not a folder; give a root filesystem folder");
        }
        try {
            Files.createDirectories(layout.root());
            Path folder = rootfs.toRealPath();
            Path store = layout.root().toRealPath();
            if (folder.startsWith(store) || store.startsWith(folder)) {
                throw ContedorException.runtime("cannot import the folder " + rootfs + ": it " + (folder.startsWith(store)
                        ? "is inside" : "contains") + " the image store " + store + "; build the root filesystem elsewhere");
            }
        } catch (IOException e) {
            throw ContedorException.runtime("cannot import the folder " + rootfs + ": " + e.getMessage(), e);
        }
    }

    /** Renames {@code rootfs} to {@code staged}; false when that cannot be done (another filesystem, a mount point). */
    private static boolean tryMove(Path rootfs, Path staged) {
        try {
            Files.move(rootfs, staged, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A layer repeated in an image is one folder; overlayfs refuses a lowerdir given twice, and
     * its upper occurrence alone gives the same view.
     */
    static List<Path> distinct(List<Path> topFirst) {
        return List.copyOf(new LinkedHashSet<>(topFirst));
    }
}
