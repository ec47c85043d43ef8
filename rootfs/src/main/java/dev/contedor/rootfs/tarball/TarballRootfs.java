package dev.contedor.rootfs.tarball;

import dev.contedor.rootfs.extract.ExtractionSummary;
import dev.contedor.rootfs.extract.SafeTarExtractor;
import dev.contedor.rootfs.store.RootfsStore;
import dev.contedor.rootfs.store.Sha256;
import dev.contedor.rootfs.store.TarballDigestIndex;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * A root filesystem unpacked from a tarball into the store, once per content: the folder
 * is named {@code sha256-<hex of the tarball file>}, so the same bytes under another name
 * or path reuse it.
 */
public final class TarballRootfs {
    private static final System.Logger LOG = System.getLogger(TarballRootfs.class.getName());

    private final RootfsStore store;
    private final TarballDigestIndex index;
    private final SafeTarExtractor extractor;

    public TarballRootfs(RootfsStore store, SafeTarExtractor extractor) {
        this.store = store;
        this.index = new TarballDigestIndex(store.indexDirectory());
        this.extractor = extractor;
    }

    /** The store folder name for a tarball with this digest. */
    public static String folderName(String sha256Hex) {
        return "sha256-" + sha256Hex;
    }

    /**
     * Returns the unpacked tree, unpacking it first if the store does not have it.
     *
     * @throws dev.contedor.rootfs.extract.TarEntryException naming the entry that was refused or failed
     */
    public Path unpack(Path tarball, ArchiveFormat format) throws IOException {
        String digest = index.digestOf(tarball);
        return store.obtain(folderName(digest), dir -> extract(tarball, format, digest, dir));
    }

    private void extract(Path tarball, ArchiveFormat format, String digest, Path dir) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        ExtractionSummary summary;
        // The bytes are hashed as they are unpacked: what lands under a digest's name is
        // exactly what has that digest, even if the file was replaced after it was indexed.
        // The digest sits below the buffer, because decompressors mark and reset their input
        // and a re-read byte must not be hashed twice.
        try (InputStream raw = new BufferedInputStream(
                new DigestInputStream(Files.newInputStream(tarball), sha256), 1 << 16)) {
            summary = extractor.extract(format.decompress(raw), dir);
            raw.transferTo(OutputStream.nullOutputStream());
        }
        if (!Sha256.hex(sha256).equals(digest)) {
            index.forget(tarball);
            throw new IOException("the file changed while it was being unpacked; try again");
        }
        if (!summary.warnings().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "rootfs {0}: {1} of {2} entries not fully restored, first: {3}",
                    tarball, summary.warnings().size(), summary.entries(), summary.warnings().getFirst());
        }
    }
}
