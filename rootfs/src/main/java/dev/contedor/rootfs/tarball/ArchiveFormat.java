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

/**
 * How a tarball is stored, told by its first bytes rather than its name: a {@code .tar}
 * that is really gzip-compressed, or a {@code .tgz} that is not, both work.
 */
public enum ArchiveFormat {
    TAR,
    GZIP_TAR,
    BZIP2_TAR;

    private static final int HEADER = 512;

    /**
     * @return the format, or empty when the file is not a tar archive this class can read
     * @throws UnsupportedCompressionException for compressions recognised but not supported
     */
    public static Optional<ArchiveFormat> detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER);
        }
        if (startsWith(head, 0x1f, 0x8b)) {
            return isTarHeader(firstBlock(file, GZIP_TAR)) ? Optional.of(GZIP_TAR) : Optional.empty();
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            return isTarHeader(firstBlock(file, BZIP2_TAR)) ? Optional.of(BZIP2_TAR) : Optional.empty();
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            throw new UnsupportedCompressionException("xz", "xz -dk");
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            throw new UnsupportedCompressionException("zstd", "zstd -d");
        }
        return isTarHeader(head) ? Optional.of(TAR) : Optional.empty();
    }

    /** Opens the file as an uncompressed tar stream. */
    public InputStream open(Path file) throws IOException {
        return decompress(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** Wraps a raw stream of this format into an uncompressed tar stream. */
    public InputStream decompress(InputStream raw) throws IOException {
        return switch (this) {
            case TAR -> raw;
            // Concatenated members are legal gzip (pigz, appended layers) and must all be read.
            case GZIP_TAR -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            case BZIP2_TAR -> new BZip2CompressorInputStream(raw, true);
        };
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
            super(compression + "-compressed tarballs are not supported");
            this.compression = compression;
            this.decompressCommand = decompressCommand;
        }

        public String compression() {
            return compression;
        }

        /** The command that makes a plain tar of it, e.g. {@code xz -dk}. */
        public String decompressCommand() {
            return decompressCommand;
        }
    }
}
