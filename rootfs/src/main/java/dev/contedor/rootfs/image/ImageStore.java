package dev.contedor.rootfs.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.layer.LayerUnpacker;
import dev.contedor.rootfs.image.store.Repositories;
import dev.contedor.rootfs.image.store.StoreLayout;
import dev.contedor.rootfs.store.StoreLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The images of a data folder, in {@code DATA/images} (layout: {@link StoreLayout}).
 *
 * <p>Content-addressed: a layer is stored once, unpacked in overlayfs format under its diff id
 * (the sha256 of its uncompressed tar), and used as it is as an overlayfs lowerdir; an image
 * is named by the sha256 of its configuration. Every blob of an import is checked against its
 * digest and every layer against its diff id, and an import is staged in {@code tmp/} and
 * committed at the end: a refused or failed import leaves the store exactly as it was.
 *
 * <p>Safe to use from several threads and processes at once: changes hold the store lock
 * (only while committing, not while unpacking), and readers see every file whole.
 *
 * <p>Disk cost of an import: the unpacked layers the store lacks, in {@code tmp/} until the
 * commit renames them in; for a <em>compressed</em> docker or OCI archive also a copy of the
 * archive's files (its uncompressed size), since its blobs may come in any order and cannot be
 * read by offset. Uncompressed archives and layout folders are read in place.
 */
public final class ImageStore {
    private final StoreLayout layout;
    private final ImageCatalog catalog;
    private final ImageImporter importer;
    private final ImageRemoval removal;

    /** The store in {@code dataRoot/images}; it is created on the first change. */
    public ImageStore(Path dataRoot) {
        this(dataRoot, ContainerUse.of(dataRoot), Clock.systemUTC());
    }

    /** For tests: what containers use, and the clock that dates imports. */
    ImageStore(Path dataRoot, ContainerUse containers, Clock clock) {
        this(dataRoot, containers, clock, () -> StoreDisk.of(dataRoot));
    }

    /** For tests: also the disk imports are bounded by. */
    ImageStore(Path dataRoot, ContainerUse containers, Clock clock, Supplier<StoreDisk> disk) {
        this.layout = new StoreLayout(dataRoot.resolve("images"));
        this.catalog = new ImageCatalog(layout);
        this.importer = new ImageImporter(layout, new LayerImport(new LayerUnpacker()), new ImageCommit(layout, catalog, clock),
                disk);
        this.removal = new ImageRemoval(layout, catalog, containers);
    }

    public Path root() {
        return layout.root();
    }

    /**
     * Imports a root filesystem tarball (plain, gzip, bzip2, xz or zstd), a {@code docker save}
     * archive, or an OCI image layout (folder or tar), told apart by content.
     *
     * @param tag      names the image, replacing the names the archive gives; a name taken
     *                 from another image leaves that one untagged
     * @param progress hears the bytes read from {@code source} (a folder: from its files)
     * @throws ContedorException naming the file, blob or entry when the source is refused or
     *                           damaged; nothing is then stored
     */
    public Image importArchive(Path source, Optional<ImageReference> tag, ImportProgress progress) {
        return importArchive(source, tag, progress, OptionalLong.empty());
    }

    /**
     * {@link #importArchive(Path, Optional, ImportProgress)}, refusing a source that unpacks to
     * more than {@code maxBytes} ({@code --max-size}). Without it an import is still refused
     * before the store's file system is full (it keeps 5% of it free, at most 1 GiB).
     */
    public Image importArchive(Path source, Optional<ImageReference> tag, ImportProgress progress, OptionalLong maxBytes) {
        return importer.importArchive(source, tag, progress, maxBytes);
    }

    /**
     * Makes a one-layer image of a plain root filesystem folder. On the store's filesystem the
     * folder is moved in: after success it no longer exists at {@code rootfs} (also when the
     * store already had an identical layer, the moved copy is then dropped); after a failure it
     * is back where it was. On another filesystem it is copied and left untouched.
     */
    public Image importDirectory(Path rootfs, ImageConfig config, Optional<ImageReference> tag) {
        return importer.importDirectory(rootfs, config, tag);
    }

    /** Every image, newest import first. */
    public List<Image> list() {
        try {
            return catalog.list();
        } catch (IOException e) {
            throw ContedorException.runtime("cannot read the image store " + root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds an image by name ({@code repo[:tag]}, tag {@code latest} by default; {@code busybox}
     * and {@code docker.io/library/busybox} are the same name), by id (bare or {@code sha256:}),
     * or by a unique id prefix of at least 4 hex digits.
     *
     * @throws ContedorException when an id prefix matches several images
     */
    public Optional<Image> find(String reference) {
        try {
            Optional<ImageCatalog.Resolution> found = catalog.resolve(reference);
            return found.isEmpty() ? Optional.empty() : catalog.image(found.get().id());
        } catch (IOException e) {
            throw ContedorException.runtime("cannot read the image store " + root() + ": " + e.getMessage(), e);
        }
    }

    /** {@link #find}, refusing an unknown reference with a message that says what to do. */
    public Image require(String reference) {
        return find(reference).orElseThrow(() -> unknownImage(reference));
    }

    /**
     * The folders of an image's layers, top layer first, as overlayfs {@code lowerdir} lists
     * them. A layer the image repeats is given once, at its upper place (overlayfs refuses a
     * folder twice, and the view is the same).
     *
     * @throws ContedorException when a layer is missing from the store
     */
    public List<Path> layerFolders(Image image) {
        List<Path> folders = new ArrayList<>();
        for (String diffId : image.diffIds().reversed()) {
            Path folder = layout.layer(Digest.parse(diffId, "image " + image.shortId()));
            if (!Files.isDirectory(folder)) {
                throw ContedorException.runtime("layer " + diffId + " of image " + image.shortId() + " is missing from "
                        + layout.layers() + "; remove the image (`contedor image rm " + image.shortId()
                        + "`) and import it again");
            }
            folders.add(folder);
        }
        return ImageImporter.distinct(folders);
    }

    /**
     * Gives an image another name, as {@code docker tag} does: a name another image had moves
     * to this one (that image may be left untagged).
     *
     * @return the image, with its new name
     * @throws ContedorException when {@code reference} names no image
     */
    public Image tag(String reference, ImageReference name) {
        try (StoreLock ignored = layout.lock()) {
            Image image = require(reference);
            Repositories.read(layout).withTag(name.toString(), image.id()).write(layout);
        } catch (IOException e) {
            throw ContedorException.runtime("cannot tag " + reference + " as " + name + " in " + root() + ": "
                    + e.getMessage(), e);
        }
        return require(name.toString());
    }

    /**
     * Removes as {@code docker rmi} does: a name is untagged, and the image is deleted with its
     * last name; an id deletes the image with all its names (with several names only when
     * forced). Layers no other image uses are deleted with it. An image a running container
     * uses is refused; forced, it is untagged but kept until the container is gone.
     */
    public RemovalResult remove(String reference, boolean force) {
        try {
            return removal.remove(reference, force);
        } catch (IOException e) {
            throw ContedorException.runtime("cannot remove " + reference + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes dangling (untagged) images, or with {@code all} every image no running container
     * uses; then layers no image uses, leftovers of interrupted imports, and the layers of dead
     * containers.
     */
    public PruneResult prune(boolean all) {
        try {
            return removal.prune(all);
        } catch (IOException e) {
            throw ContedorException.runtime("cannot prune the image store " + root() + ": " + e.getMessage(), e);
        }
    }

    static ContedorException unknownImage(String reference) {
        return ContedorException.runtime("unknown image " + reference + ": see `contedor image ls`; import one with "
                + "`contedor image import FILE " + reference + "`");
    }
}
