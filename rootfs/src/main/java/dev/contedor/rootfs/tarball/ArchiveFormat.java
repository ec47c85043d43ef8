package dev.contedor.rootfs.tarball;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * How a tarball is stored, told by its first bytes rather than its name: a {@code .tar}
 * that is really gzip-compressed, or a {@code .tgz} that is not, both work. Plain tar,
 * gzip, bzip2, xz and zstd are read; lz4, lzma and Unix compress ({@code .Z}) are
 * recognised and refused with {@link UnsupportedCompressionException}, which names the
 * command that makes a plain tar of them.
 *
 * <p>{@link #detect(Path)} is for files given by the user; {@link #decompressing(InputStream)}
 * is for streams whose compression nothing else tells, such as image layer blobs.
 */
public enum ArchiveFormat {
    TAR,
    GZIP_TAR,
    BZIP2_TAR,
    XZ_TAR,
    ZSTD_TAR;

    private static final int HEADER = 512;
    private static final int BUFFER = 1 << 16;
    /**
     * The most memory an xz stream may ask for, in KiB: four times what {@code xz -9} needs.
     * The dictionary size comes from the untrusted stream, and without a cap a crafted header
     * could make the decompressor allocate gigabytes.
     */
    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    /**
     * @return the format, or empty when the file is not a tar archive this class can read
     * @throws UnsupportedCompressionException for compressions recognised but not supported
     */
    public static Optional<ArchiveFormat> detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER);
        }
        ArchiveFormat format = byMagic(head);
        byte[] firstBlock = format == TAR ? head : firstBlock(file, format);
        return isTarHeader(firstBlock) ? Optional.of(format) : Optional.empty();
    }

    /**
     * Wraps a stream of unknown compression into an uncompressed tar stream, telling the
     * compression by the stream's first bytes: they are peeked (mark and reset on a buffer)
     * and then read again by the decompressor. A stream without a known magic is returned
     * as it is, buffered: it is taken for a plain tar, and a tar reader reports it if it is not.
     * Closing the result closes {@code raw}.
     *
     * @throws UnsupportedCompressionException for compressions recognised but not supported
     */
    public static InputStream decompressing(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(HEADER);
        byte[] head = in.readNBytes(HEADER);
        in.reset();
        return byMagic(head).decompress(in);
    }

    /** Opens the file as an uncompressed tar stream. */
    public InputStream open(Path file) throws IOException {
        return decompress(new BufferedInputStream(Files.newInputStream(file), BUFFER));
    }

    /** Wraps a raw stream of this format into an uncompressed tar stream. */
    public InputStream decompress(InputStream raw) throws IOException {
        // Concatenated members/streams/frames are legal in every one of these formats
        // (pigz, pbzip2, pixz and zstd -T write them) and must all be read.
        return switch (this) {
            case TAR -> raw;
            case GZIP_TAR -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            case BZIP2_TAR -> new BZip2CompressorInputStream(raw, true);
            case XZ_TAR -> XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB).get();
            case ZSTD_TAR -> new ZstdCompressorInputStream(raw);
        };
    }

    /**
     * The format its magic bytes announce, or {@link #TAR} when there is none (which the
     * caller still has to check).
     */
    private static ArchiveFormat byMagic(byte[] head) throws UnsupportedCompressionException {
        if (startsWith(head, 0x1f, 0x8b)) {
            return GZIP_TAR;
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            return BZIP2_TAR;
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ_TAR;
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd) || isZstdSkippableFrame(head)) {
            return ZSTD_TAR;
        }
        if (startsWith(head, 0x04, 0x22, 0x4d, 0x18) || startsWith(head, 0x02, 0x21, 0x4c, 0x18)) {
            throw new UnsupportedCompressionException("lz4", "lz4 -d");
        }
        if (startsWith(head, 0x1f, 0x9d)) {
            throw new UnsupportedCompressionException("compress (.Z)", "uncompress");
        }
        // The legacy .lzma header has no real magic, only its usual properties byte 0x5d and a
        // small dictionary size; a tar whose first name starts with ']' looks the same, so a
        // valid tar header wins.
        if (startsWith(head, 0x5d, 0x00, 0x00) && !isTarHeader(head)) {
            throw new UnsupportedCompressionException("lzma", "unlzma -k");
        }
        return TAR;
    }

    /** A zstd stream may start with skippable frames (magic 0x184D2A50 to 0x184D2A5F, little-endian). */
    private static boolean isZstdSkippableFrame(byte[] head) {
        return head.length >= 4 && (head[0] & 0xf0) == 0x50 && head[1] == 0x2a && head[2] == 0x4d && head[3] == 0x18;
    }

    private static byte[] firstBlock(Path file, ArchiveFormat format) {
        try (InputStream in = format.open(file)) {
            return in.readNBytes(HEADER);
        } catch (IOException e) {
            return new byte[0]; // damaged compression: not an archive we can read
        }
    }

    /**
     * A tar header block: its checksum field matches the sum of its bytes (with the field
     * itself counted as spaces). This also recognises pre-POSIX tars that have no magic.
     */
    static boolean isTarHeader(byte[] block) {
        if (block.length < HEADER) {
            return false;
        }
        long stored = 0;
        boolean digits = false;
        for (int i = 148; i < 156; i++) {
            byte b = block[i];
            if (b >= '0' && b <= '7') {
                stored = stored * 8 + (b - '0');
                digits = true;
            } else if (b == ' ' || b == 0) {
                if (digits) {
                    break;
                }
            } else {
                return false;
            }
        }
        if (!digits) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < HEADER; i++) {
            byte b = (i >= 148 && i < 156) ? (byte) ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOf(data, prefix.length), toBytes(prefix));
    }

    private static byte[] toBytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** A compressed tarball in a format this build does not decompress. */
    public static final class UnsupportedCompressionException extends IOException {
        private final String compression;
        private final String decompressCommand;

        UnsupportedCompressionException(String compression, String decompressCommand) {
            // Callers add the fix with the file's name: decompressCommand() + " " + file.
            super(compression + "-compressed tarballs are not supported");
            this.compression = compression;
            this.decompressCommand = decompressCommand;
        }

        public String compression() {
            return compression;
        }

        /** The command that makes a plain tar of it, e.g. {@code lz4 -d}. */
        public String decompressCommand() {
            return decompressCommand;
        }
    }
}
