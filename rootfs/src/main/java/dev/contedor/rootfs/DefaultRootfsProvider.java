package dev.contedor.rootfs;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.rootfs.RootfsProvider;
import dev.contedor.rootfs.builtin.BuiltinRootfs;
import dev.contedor.rootfs.extract.SafeTarExtractor;
import dev.contedor.rootfs.extract.TarEntryException;
import dev.contedor.rootfs.store.RootfsStore;
import dev.contedor.rootfs.tarball.ArchiveFormat;
import dev.contedor.rootfs.tarball.ArchiveFormat.UnsupportedCompressionException;
import dev.contedor.rootfs.tarball.TarballRootfs;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * contedor's {@link RootfsProvider}: a directory is used as it is, a tarball is unpacked
 * once into the store under its SHA-256, and no {@code --rootfs} means the built-in root
 * filesystem, built once into the store.
 */
public final class DefaultRootfsProvider implements RootfsProvider {
    private static final String FIX = "give a root filesystem directory or a .tar/.tar.gz/.tgz tarball";

    private final Supplier<BuiltinRootfs> builtin;
    private final Supplier<SafeTarExtractor> extractor;

    /** For ServiceLoader. */
    public DefaultRootfsProvider() {
        this(BuiltinRootfs::new, SafeTarExtractor::new);
    }

    /** With another built-in root filesystem recipe or extractor (tests, embedders). */
    public DefaultRootfsProvider(Supplier<BuiltinRootfs> builtin, Supplier<SafeTarExtractor> extractor) {
        this.builtin = builtin;
        this.extractor = extractor;
    }

    @Override
    public Path resolve(Optional<Path> requested, Path dataRoot) {
        if (requested.isEmpty()) {
            return builtin(dataRoot);
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
        return tarball(path, dataRoot);
    }

    private Path tarball(Path path, Path dataRoot) {
        ArchiveFormat format;
        try {
            format = ArchiveFormat.detect(path).orElseThrow(() -> ContedorException.runtime(
                    "rootfs " + path + ": is neither a directory nor a tar archive (plain, gzip or bzip2); " + FIX));
        } catch (UnsupportedCompressionException e) {
            throw ContedorException.runtime("rootfs " + path + ": " + e.getMessage()
                    + "; decompress it first (" + e.decompressCommand() + " " + path + ") and give the .tar", e);
        } catch (IOException e) {
            throw ContedorException.runtime("rootfs " + path + ": cannot read it: " + reason(e), e);
        }
        RootfsStore store = new RootfsStore(dataRoot);
        try {
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
            return store.obtain(BuiltinRootfs.FOLDER, recipe::build).toRealPath();
        } catch (IOException e) {
            throw ContedorException.runtime("built-in root filesystem: cannot build it in "
                    + store.root().resolve(BuiltinRootfs.FOLDER) + ": " + reason(e) + "; or give --rootfs", e);
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
