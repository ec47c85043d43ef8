package dev.contedor.rootfs.image;

import dev.contedor.rootfs.extract.WriteBudget;
import dev.contedor.rootfs.image.format.Digest;
import dev.contedor.rootfs.image.format.TreeTarWriter;
import dev.contedor.rootfs.store.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain folder as a layer: its diff id is the sha256 of the tar {@link TreeTarWriter} makes
 * of it, the same bytes for the same tree, so importing the same folder twice stores it once.
 */
final class DirectoryLayer {
    private static final int PIPE_BUFFER = 1 << 20;

    private DirectoryLayer() {
    }

    /** The diff id of a folder, read in place. */
    static Digest hash(Path folder) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), digest), 1 << 16)) {
            TreeTarWriter.write(folder, out);
        }
        return new Digest(Sha256.hex(digest));
    }

    /**
     * Copies {@code folder} to {@code target} (created here) as a tar stream unpacked on the fly,
     * which keeps owners, modes, links, devices and capabilities and gives the diff id on the way.
     */
    static Digest copy(Path folder, Path target, LayerImport layerImport) throws IOException {
        java.nio.file.Files.createDirectory(target);
        PipedInputStream in = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream pipe = new PipedOutputStream(in);
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().name("contedor-folder-tar").start(() -> {
            try (OutputStream out = new BufferedOutputStream(pipe, 1 << 16)) {
                TreeTarWriter.write(folder, out);
            } catch (IOException e) {
                writeFailure.set(e);
            }
        });
        Digest diffId;
        try {
            diffId = layerImport.unpack(in, Optional.empty(), -1, Optional.empty(), "the folder " + folder, target, List.of(),
                    WriteBudget.unlimited());
        } finally {
            in.close(); // ends a writer still blocked on a full pipe after an unpacking failure
            join(writer);
        }
        // A writer that failed closed the pipe early: what was unpacked is a truncated tree.
        if (writeFailure.get() != null) {
            throw writeFailure.get();
        }
        return diffId;
    }

    private static void join(Thread writer) throws IOException {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying a folder", e);
        }
    }
}
