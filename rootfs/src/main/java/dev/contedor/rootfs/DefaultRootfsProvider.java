package dev.contedor.rootfs;

import dev.contedor.api.error.ContedorException;
import dev.contedor.host.HostWarnings;
import dev.contedor.api.launch.Leftover;
import dev.contedor.api.rootfs.ContainerRootfs;
import dev.contedor.api.rootfs.ImageDefaults;
import dev.contedor.api.rootfs.Overlay;
import dev.contedor.api.rootfs.RootfsProvider;
import dev.contedor.api.rootfs.RootfsSource;
import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.ImageConfig;
import dev.contedor.rootfs.image.ImageStore;
import dev.contedor.rootfs.image.layer.LayerFlattener;
import dev.contedor.rootfs.overlay.ContainerLayers;
import dev.contedor.rootfs.overlay.StorageDriver;
import dev.contedor.rootfs.builtin.BuiltinRootfs;
import dev.contedor.rootfs.extract.SafeTarExtractor;
import dev.contedor.rootfs.extract.TarEntryException;
import dev.contedor.rootfs.store.RootfsStore;
import dev.contedor.rootfs.store.TarballDigestIndex;
import dev.contedor.rootfs.tarball.ArchiveFormat;
import dev.contedor.rootfs.tarball.ArchiveFormat.UnsupportedCompressionException;
import dev.contedor.rootfs.tarball.TarballRootfs;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * contedor's {@link RootfsProvider}: a directory is used in place (as runc does); a tarball
 * is unpacked once into the store under its SHA-256; no {@code --rootfs} means the built-in
 * root filesystem, built once into the store; an image comes from the {@link ImageStore}.
 * The shared roots (all but a directory) are read-only lower layers of an overlayfs whose
 * upper layer is the container's own ({@link ContainerLayers}); without overlayfs, the
 * container gets a copy and one warning says so.
 */
public final class DefaultRootfsProvider implements RootfsProvider {
    private static final String FIX = "give a root filesystem directory or a .tar/.tar.gz/.tar.bz2/.tar.xz/.tar.zst tarball";

    private final Supplier<BuiltinRootfs> builtin;
    private final Supplier<SafeTarExtractor> extractor;

    /** For ServiceLoader. */
    public DefaultRootfsProvider() {
        this(BuiltinRootfs::forThisProcess, SafeTarExtractor::new);
    }

    /** With another built-in root filesystem recipe or extractor (tests, embedders). */
    public DefaultRootfsProvider(Supplier<BuiltinRootfs> builtin, Supplier<SafeTarExtractor> extractor) {
        this.builtin = builtin;
        this.extractor = extractor;
    }

    /**
     * What a source resolves to: the shared, read-only trees under the container's own layer
     * (top first), or a folder used in place; and the image's defaults and id. {@link #prepare}
     * and {@link #describe} share this one resolution, so {@code --explain} names the same
     * folders a run uses.
     */
    private record Resolution(List<Path> lowers, boolean inPlace, ImageDefaults defaults, Optional<String> image) {
    }

    private Resolution resolution(RootfsSource source, Path dataRoot, boolean materialize) {
        return switch (source) {
            case RootfsSource.Builtin b -> new Resolution(List.of(resolve(Optional.empty(), dataRoot, materialize)), false,
                    ImageDefaults.NONE, Optional.empty());
            case RootfsSource.Folder f -> new Resolution(List.of(resolve(Optional.of(f.path()), dataRoot, materialize)),
                    Files.isDirectory(f.path()), ImageDefaults.NONE, Optional.empty());
            case RootfsSource.Image i -> {
                ImageStore store = new ImageStore(dataRoot);
                Image image = require(store, i);
                yield new Resolution(store.layerFolders(image), false, defaults(image.config()), Optional.of(image.id()));
            }
        };
    }

    @Override
    public ContainerRootfs prepare(RootfsSource source, String containerId, Path dataRoot) {
        Resolution r = resolution(source, dataRoot, true);
        return r.inPlace() ? ContainerRootfs.folder(r.lowers().getFirst())
                : layered(r.lowers(), r.defaults(), r.image(), containerId, dataRoot);
    }

    /** As {@link #prepare} with overlayfs: the same resolution, nothing built, unpacked or created. */
    @Override
    public ContainerRootfs describe(RootfsSource source, String containerId, Path dataRoot) {
        Resolution r = resolution(source, dataRoot, false);
        if (r.inPlace()) {
            return ContainerRootfs.folder(r.lowers().getFirst());
        }
        ContainerLayers layers = new ContainerLayers(dataRoot);
        Path folder = layers.folder(containerId);
        return new ContainerRootfs(layers.mountPoint(), Optional.of(new Overlay(r.lowers(), folder.resolve("upper"),
                folder.resolve("work"))), r.defaults(), r.image());
    }

    @Override
    public void release(String containerId, Path dataRoot) {
        try {
            new ContainerLayers(dataRoot).remove(containerId);
        } catch (IOException e) {
            throw ContedorException.runtime("container " + containerId.substring(0, Math.min(12, containerId.length()))
                    + ": cannot remove its layer: " + reason(e), e);
        }
    }

    @Override
    public List<Leftover> leftovers(String containerId, Path dataRoot) {
        Path folder = new ContainerLayers(dataRoot).folder(containerId);
        return Files.isDirectory(folder) ? List.of(new Leftover.RemoveTree(folder)) : List.of();
    }

    /** The container's own layer over shared, read-only lower layers (top first). */
    private static ContainerRootfs layered(List<Path> lowers, ImageDefaults defaults, Optional<String> image,
                                           String containerId, Path dataRoot) {
        ContainerLayers layers = new ContainerLayers(dataRoot);
        StorageDriver.Choice choice = StorageDriver.choose(dataRoot);
        ContainerLayers.ContainerLayer layer;
        try {
            layer = layers.create(containerId, image);
        } catch (IOException e) {
            throw ContedorException.runtime("cannot create the container's layer in " + layers.root() + ": "
                    + reason(e), e);
        }
        try {
            if (choice.driver() == StorageDriver.OVERLAY) {
                Overlay overlay = new Overlay(lowers, layer.upper(), layer.work());
                if (overlay.mountOptions().length() <= Overlay.MAX_OPTIONS_LENGTH) {
                    return new ContainerRootfs(layer.mountPoint(), Optional.of(overlay), defaults, image);
                }
                HostWarnings.once(lowers.size() + " layers are too many for one overlayfs mount (its options "
                        + "exceed a page): containers of this image get a copy of it");
            } else {
                choice.fallback().ifPresent(why -> HostWarnings.once("overlayfs cannot be used (" + why
                        + "): each container gets a full copy of its root filesystem; set "
                        + StorageDriver.VARIABLE + "=vfs to choose this and silence the warning"));
            }
            LayerFlattener.flatten(lowers, layer.upper());
            return new ContainerRootfs(layer.upper(), Optional.empty(), defaults, image);
        } catch (IOException | RuntimeException e) {
            try {
                layers.remove(containerId);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof ContedorException ce) {
                throw ce;
            }
            throw ContedorException.runtime("cannot copy the root filesystem into " + layer.upper() + ": "
                    + (e instanceof IOException io ? reason(io) : e.getMessage()), e);
        }
    }

    /** The image, or an error that also says how to run a command in the built-in root instead. */
    private static Image require(ImageStore store, RootfsSource.Image source) {
        String ref = source.reference();
        return store.find(ref).orElseThrow(() -> ContedorException.runtime("unknown image " + ref
                + ": see `contedor image ls`; import one with `contedor image import FILE " + ref + "`; or, to run "
                + ref + " in the built-in root filesystem, put -- before it: contedor run -- " + ref));
    }

    private static ImageDefaults defaults(ImageConfig config) {
        return new ImageDefaults(config.entrypoint(), config.cmd(), config.env(), config.workingDir(), config.user());
    }

    /**
     * The shared folder for what {@code --rootfs} names (a directory as it is, a tarball
     * unpacked into the store), or the built-in root filesystem when absent.
     */
    public Path resolve(Optional<Path> requested, Path dataRoot) {
        return resolve(requested, dataRoot, true);
    }

    /** @param materialize build or unpack what is missing; else only say where it is or would be */
    private Path resolve(Optional<Path> requested, Path dataRoot, boolean materialize) {
        if (requested.isEmpty()) {
            return materialize ? builtin(dataRoot) : new RootfsStore(dataRoot).root().resolve(builtin.get().folderName());
        }
        Path path = requested.get();
        if (!Files.exists(path)) {
            throw ContedorException.runtime("rootfs " + path + ": no such file or directory; " + FIX);
        }
        if (Files.isDirectory(path)) {
            try {
                return path.toRealPath();
            } catch (IOException e) {
                throw ContedorException.runtime("rootfs " + path + ": " + reason(e), e);
            }
        }
        if (!Files.isRegularFile(path)) {
            throw ContedorException.runtime("rootfs " + path + ": is neither a directory nor a regular file; " + FIX);
        }
        return tarball(path, dataRoot, materialize);
    }

    private Path tarball(Path path, Path dataRoot, boolean materialize) {
        ArchiveFormat format;
        try {
            format = ArchiveFormat.detect(path).orElseThrow(() -> ContedorException.runtime(
                    "rootfs " + path + ": is neither a directory nor a tar archive (plain, gzip, bzip2, xz or zstd); " + FIX));
        } catch (UnsupportedCompressionException e) {
            throw ContedorException.runtime("rootfs " + path + ": " + e.getMessage()
                    + "; decompress it first (" + e.decompressCommand() + " " + path + ") and give the .tar", e);
        } catch (IOException e) {
            throw ContedorException.runtime("rootfs " + path + ": cannot read it: " + reason(e), e);
        }
        RootfsStore store = new RootfsStore(dataRoot);
        try {
            if (!materialize) {
                // named by the digest of the tarball's bytes, as unpack names it
                return store.root().resolve(TarballRootfs.folderName(
                        new TarballDigestIndex(store.indexDirectory()).digestOf(path)));
            }
            return new TarballRootfs(store, extractor.get()).unpack(path, format).toRealPath();
        } catch (TarEntryException e) {
            throw ContedorException.runtime("rootfs " + path + ": cannot unpack " + e.getMessage()
                    + "; nothing was kept in " + store.root(), e);
        } catch (IOException e) {
            throw ContedorException.runtime("rootfs " + path + ": cannot unpack into " + store.root() + ": "
                    + reason(e), e);
        }
    }

    private Path builtin(Path dataRoot) {
        RootfsStore store = new RootfsStore(dataRoot);
        BuiltinRootfs recipe = builtin.get();
        try {
            return store.obtain(recipe.folderName(), recipe::build).toRealPath();
        } catch (IOException e) {
            throw ContedorException.runtime("built-in root filesystem: cannot build it in "
                    + store.root().resolve(recipe.folderName()) + ": " + reason(e) + "; or give --rootfs", e);
        }
    }

    /** An IOException's message made readable: the JDK's file errors carry only the path. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getFile() + ": " + fse.getReason();
        }
        if (e instanceof AccessDeniedException ade) {
            return ade.getFile() + ": permission denied";
        }
        if (e instanceof NoSuchFileException nsfe) {
            return nsfe.getFile() + ": no such file or directory";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
