package dev.contedor.rootfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar archives in memory for tests, hostile ones included (absolute names, '..'). */
public final class TarFixture {
    public static final FileTime MTIME = FileTime.from(Instant.parse("2021-03-04T05:06:07Z"));

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    private TarFixture(int longFileMode) {
        tar = new TarArchiveOutputStream(bytes);
        tar.setLongFileMode(longFileMode);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Long names as PAX headers. */
    public static TarFixture posix() {
        return new TarFixture(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    /** Long names as GNU ././@LongLink entries. */
    public static TarFixture gnu() {
        return new TarFixture(TarArchiveOutputStream.LONGFILE_GNU);
    }

    private static TarArchiveEntry entry(String name, byte flag) {
        // preserveAbsolutePath keeps hostile names exactly as given.
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
        e.setModTime(MTIME);
        return e;
    }

    public TarFixture dir(String name, int mode) {
        return put(entry(name, TarConstants.LF_DIR), mode, null, e -> { });
    }

    public TarFixture dir(String name, int mode, FileTime mtime) {
        return put(entry(name, TarConstants.LF_DIR), mode, null, e -> e.setModTime(mtime));
    }

    public TarFixture file(String name, int mode, String content) {
        return file(name, mode, content.getBytes(StandardCharsets.UTF_8), e -> { });
    }

    public TarFixture file(String name, int mode, byte[] content, Consumer<TarArchiveEntry> customise) {
        return put(entry(name, TarConstants.LF_NORMAL), mode, content, customise);
    }

    public TarFixture symlink(String name, String target) {
        return symlink(name, target, e -> { });
    }

    public TarFixture symlink(String name, String target, Consumer<TarArchiveEntry> customise) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        return put(e, 0777, null, customise);
    }

    public TarFixture hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        return put(e, 0644, null, x -> { });
    }

    public TarFixture fifo(String name, int mode) {
        return put(entry(name, TarConstants.LF_FIFO), mode, null, e -> { });
    }

    public TarFixture charDevice(String name, int mode, int major, int minor) {
        TarArchiveEntry e = entry(name, TarConstants.LF_CHR);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, mode, null, x -> { });
    }

    /**
     * A PAX extended header whose values are written as raw bytes (commons-compress would
     * encode Strings as UTF-8, which cannot express binary xattr values); it applies to the
     * next entry.
     */
    public TarFixture rawPax(Map<String, byte[]> records) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            byte[] keyPart = (" " + r.getKey() + "=").getBytes(StandardCharsets.UTF_8);
            int body = keyPart.length + r.getValue().length + 1;
            // The length prefix counts itself.
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length++;
            }
            content.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
            content.writeBytes(keyPart);
            content.writeBytes(r.getValue());
            content.write('\n');
        }
        TarArchiveEntry pax = new TarArchiveEntry("./PaxHeaders/next", TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
        return put(pax, 0644, content.toByteArray(), e -> { });
    }

    private TarFixture put(TarArchiveEntry e, int mode, byte[] content, Consumer<TarArchiveEntry> customise) {
        try {
            e.setMode(mode);
            e.setSize(content == null ? 0 : content.length);
            customise.accept(e);
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public byte[] bytes() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    public Path writeTo(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    public Path writeGzipTo(Path file) throws IOException {
        byte[] data = bytes();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(data);
        }
        return file;
    }
}
