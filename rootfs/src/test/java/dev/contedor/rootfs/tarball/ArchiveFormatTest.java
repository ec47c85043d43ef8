package dev.contedor.rootfs.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.rootfs.TarFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
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
    void xzIsRecognisedButNotSupported() throws IOException {
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4};
        ArchiveFormat.UnsupportedCompressionException e = assertThrows(
                ArchiveFormat.UnsupportedCompressionException.class,
                () -> ArchiveFormat.detect(Files.write(temp.resolve("rootfs.tar.xz"), xz)));
        assertEquals("xz", e.compression());
    }
}
