package dev.contedor.rootfs.tarball;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.contedor.rootfs.TarFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveFormatTest {
    @TempDir
    Path temp;

    private static byte[] tar() {
        return TarFixture.posix().file("hello", 0644, "hi").bytes();
    }

    @Test
    void plainTarIsRecognisedWhateverItsName() throws IOException {
        Path misnamed = Files.write(temp.resolve("rootfs.tgz"), tar());
        assertEquals(Optional.of(ArchiveFormat.TAR), ArchiveFormat.detect(misnamed));
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes() throws IOException {
        Path misnamed = TarFixture.posix().file("hello", 0644, "hi").writeGzipTo(temp.resolve("rootfs.tar"));
        assertEquals(Optional.of(ArchiveFormat.GZIP_TAR), ArchiveFormat.detect(misnamed));
        try (var in = ArchiveFormat.GZIP_TAR.open(misnamed)) {
            assertTrue(in.readAllBytes().length >= 1024);
        }
    }

    @Test
    void bzip2IsRecognised() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(tar());
        }
        Path file = Files.write(temp.resolve("rootfs.tar.bz2"), bytes.toByteArray());
        assertEquals(Optional.of(ArchiveFormat.BZIP2_TAR), ArchiveFormat.detect(file));
    }

    @Test
    void preposixTarWithoutMagicIsRecognisedByChecksum() throws IOException {
        byte[] tar = tar();
        // Blank the "ustar" magic and version, then fix the checksum as a v7 tar would have it.
        for (int i = 257; i < 265; i++) {
            tar[i] = 0;
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : tar[i] & 0xff;
        }
        byte[] field = String.format("%06o\0 ", sum).getBytes();
        System.arraycopy(field, 0, tar, 148, 8);
        assertEquals(Optional.of(ArchiveFormat.TAR), ArchiveFormat.detect(Files.write(temp.resolve("v7.tar"), tar)));
    }

    @Test
    void otherFilesAreNotArchives() throws IOException {
        assertEquals(Optional.empty(), ArchiveFormat.detect(Files.writeString(temp.resolve("notes.tar"), "hello")));
        assertEquals(Optional.empty(), ArchiveFormat.detect(Files.write(temp.resolve("empty.tar"), new byte[0])));
        byte[] zeros = new byte[10240];
        assertEquals(Optional.empty(), ArchiveFormat.detect(Files.write(temp.resolve("zeros.tar"), zeros)));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write("just text, gzipped".getBytes());
        }
        assertEquals(Optional.empty(), ArchiveFormat.detect(Files.write(temp.resolve("text.gz"), gz.toByteArray())));
    }

    @Test
    void xzIsRecognisedAndRead() throws IOException {
        Path file = Files.write(temp.resolve("rootfs.tar.xz"), xz(tar()));
        assertEquals(Optional.of(ArchiveFormat.XZ_TAR), ArchiveFormat.detect(file));
        try (InputStream in = ArchiveFormat.XZ_TAR.open(file)) {
            assertEquals("hi", firstEntryContent(in));
        }
    }

    @Test
    void zstdIsRecognisedAndRead() throws IOException {
        Path file = Files.write(temp.resolve("rootfs.tar.zst"), zstd(tar()));
        assertEquals(Optional.of(ArchiveFormat.ZSTD_TAR), ArchiveFormat.detect(file));
        try (InputStream in = ArchiveFormat.ZSTD_TAR.open(file)) {
            assertEquals("hi", firstEntryContent(in));
        }
    }

    @Test
    void compressedTextIsNotAnArchive() throws IOException {
        byte[] text = "not a tar at all".getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), ArchiveFormat.detect(Files.write(temp.resolve("a.tar.xz"), xz(text))));
        assertEquals(Optional.empty(), ArchiveFormat.detect(Files.write(temp.resolve("a.tar.zst"), zstd(text))));
    }

    /** Parallel compressors write several streams (xz) or frames (zstd); all of them are the tar. */
    @Test
    void concatenatedStreamsAreReadToTheEnd() throws IOException {
        byte[] tar = TarFixture.posix().file("a", 0644, "first").file("b", 0644, "second").bytes();
        byte[] firstHalf = Arrays.copyOfRange(tar, 0, 1024);
        byte[] secondHalf = Arrays.copyOfRange(tar, 1024, tar.length);
        for (byte[] joined : List.of(concat(xz(firstHalf), xz(secondHalf)), concat(zstd(firstHalf), zstd(secondHalf)))) {
            try (InputStream in = ArchiveFormat.decompressing(new ByteArrayInputStream(joined))) {
                assertArrayEquals(tar, in.readAllBytes());
            }
        }
    }

    @Test
    void decompressingTellsEveryFormatFromTheStreamItself() throws IOException {
        byte[] tar = TarFixture.posix().file("layer/file", 0644, "content").bytes();
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzip)) {
            out.write(tar);
        }
        ByteArrayOutputStream bzip2 = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bzip2)) {
            out.write(tar);
        }
        Map<String, byte[]> blobs = Map.of("plain", tar, "gzip", gzip.toByteArray(), "bzip2", bzip2.toByteArray(),
                "xz", xz(tar), "zstd", zstd(tar));
        for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
            try (InputStream in = ArchiveFormat.decompressing(new ByteArrayInputStream(blob.getValue()))) {
                assertArrayEquals(tar, in.readAllBytes(), blob.getKey());
            }
        }
    }

    @Test
    void decompressingPassesAnythingUnknownThrough() throws IOException {
        byte[] tiny = {1, 2, 3};
        try (InputStream in = ArchiveFormat.decompressing(new ByteArrayInputStream(tiny))) {
            assertArrayEquals(tiny, in.readAllBytes());
        }
        try (InputStream in = ArchiveFormat.decompressing(new ByteArrayInputStream(new byte[0]))) {
            assertEquals(0, in.readAllBytes().length);
        }
    }

    @Test
    void lz4LzmaAndCompressAreRecognisedButNotSupported() throws IOException {
        Map<String, byte[]> heads = Map.of(
                "lz4", new byte[] {0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, (byte) 0xa7},
                "lzma", new byte[] {0x5d, 0x00, 0x00, (byte) 0x80, 0x00, -1, -1, -1, -1, -1, -1, -1, -1},
                "compress (.Z)", new byte[] {0x1f, (byte) 0x9d, (byte) 0x90});
        for (Map.Entry<String, byte[]> head : heads.entrySet()) {
            ArchiveFormat.UnsupportedCompressionException fromFile = assertThrows(
                    ArchiveFormat.UnsupportedCompressionException.class,
                    () -> ArchiveFormat.detect(Files.write(temp.resolve("rootfs.tar.x"), head.getValue())));
            assertEquals(head.getKey(), fromFile.compression());
            ArchiveFormat.UnsupportedCompressionException fromStream = assertThrows(
                    ArchiveFormat.UnsupportedCompressionException.class,
                    () -> ArchiveFormat.decompressing(new ByteArrayInputStream(head.getValue())));
            assertEquals(head.getKey(), fromStream.compression());
            assertTrue(fromStream.decompressCommand().contains(head.getKey().substring(0, 2)), fromStream.decompressCommand());
        }
    }

    /** The legacy lzma "magic" is only a likely first byte; a tar whose first name starts with ']' shares it. */
    @Test
    void tarStartingLikeLzmaIsStillATar() throws IOException {
        byte[] tar = TarFixture.posix().file("]", 0644, "bracket").bytes();
        assertEquals(0x5d, tar[0]);
        assertEquals(Optional.of(ArchiveFormat.TAR), ArchiveFormat.detect(Files.write(temp.resolve("odd.tar"), tar)));
        try (InputStream in = ArchiveFormat.decompressing(new ByteArrayInputStream(tar))) {
            assertArrayEquals(tar, in.readAllBytes());
        }
    }

    /**
     * The xz dictionary size comes from the stream; a header asking for 512 MiB must fail with a
     * message rather than make the JVM allocate it. Stream header, then a block header with one
     * LZMA2 filter whose dictionary byte is 34 (512 MiB), each with its CRC32, as xz-file-format.txt lays them out.
     */
    @Test
    void xzAskingForHugeMemoryIsRefused() throws IOException {
        ByteArrayOutputStream xz = new ByteArrayOutputStream();
        byte[] streamFlags = {0x00, 0x01}; // CRC32 check
        xz.writeBytes(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00});
        xz.writeBytes(streamFlags);
        xz.writeBytes(crc32LittleEndian(streamFlags));
        byte[] blockHeader = {0x02, 0x00, 0x21, 0x01, 34, 0x00, 0x00, 0x00};
        xz.writeBytes(blockHeader);
        xz.writeBytes(crc32LittleEndian(blockHeader));
        xz.writeBytes(new byte[64]);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = ArchiveFormat.decompressing(new ByteArrayInputStream(xz.toByteArray()))) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().contains("KiB"), e.getMessage());
    }

    private static byte[] crc32LittleEndian(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long v = crc.getValue();
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new XZOutputStream(bytes, new LZMA2Options())) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static String firstEntryContent(InputStream tarStream) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        assertEquals("hello", tar.getNextEntry().getName());
        return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
    }
}
