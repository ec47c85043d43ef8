package dev.contedor.rootfs.image.format;

import dev.contedor.rootfs.posix.NativeFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a folder as a POSIX (pax) tar, the same bytes every time for the same tree: entries
 * in name order, the folder itself first as {@code ./}, owners by number only, mtimes in whole
 * seconds, hard links as links to the first name, devices with their numbers, and the
 * {@code security.capability} attribute as a {@code SCHILY.xattr} record holding its raw
 * bytes. It gives a folder turned into a layer its diff id, and carries the tree when it has
 * to be copied to another filesystem. Sockets are left out: tar cannot hold them.
 *
 * <p>commons-compress's writer is not used because it encodes every pax value as UTF-8,
 * which cannot express a binary attribute value.
 */
public final class TreeTarWriter {
    private static final int BLOCK = 512;
    private static final String CAPABILITY = "security.capability";
    private static final int EOPNOTSUPP = 95;
    private static final long MAX_OCTAL_7 = 07777777L;
    private static final long MAX_OCTAL_11 = 077777777777L;

    private final OutputStream out;
    private final Map<String, String> firstNameOfInode = new HashMap<>();
    private final byte[] buffer = new byte[1 << 16];

    private TreeTarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code folder} and everything below it, then the end-of-archive blocks; {@code out} is left open. */
    public static void write(Path folder, OutputStream out) throws IOException {
        TreeTarWriter writer = new TreeTarWriter(out);
        writer.entry(folder, "./");
        writer.children(folder, "");
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }

    private void children(Path dir, String prefix) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        entries.sort((a, b) -> Arrays.compare(nameBytes(a), nameBytes(b)));
        for (Path child : entries) {
            String name = prefix + child.getFileName();
            PosixFileAttributes a = Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                entry(child, name + "/");
                children(child, name + "/");
            } else {
                entry(child, name);
            }
        }
    }

    private static byte[] nameBytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    private void entry(Path path, String name) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,nlink,rdev",
                LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        int type = mode & 0170000;
        long uid = ((Number) unix.get("uid")).longValue();
        long gid = ((Number) unix.get("gid")).longValue();
        long mtime = ((java.nio.file.attribute.FileTime) unix.get("lastModifiedTime")).toInstant().getEpochSecond();
        char flag;
        long size = 0;
        String link = "";
        long rdev = 0;
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        switch (type) {
            case 0040000 -> flag = '5';
            case 0120000 -> {
                flag = '2';
                link = Files.readSymbolicLink(path).toString();
            }
            case 0100000 -> {
                String inode = unix.get("dev") + ":" + unix.get("ino");
                String first = ((Number) unix.get("nlink")).intValue() > 1 ? firstNameOfInode.putIfAbsent(inode, name) : null;
                if (first != null) {
                    flag = '1';
                    link = first;
                } else {
                    flag = '0';
                    size = ((Number) unix.get("size")).longValue();
                }
                byte[] capability = flag == '0' ? capabilityOf(path) : null;
                if (capability != null) {
                    xattrs.put("SCHILY.xattr." + CAPABILITY, capability);
                }
            }
            case 0020000, 0060000 -> {
                flag = type == 0020000 ? '3' : '4';
                rdev = ((Number) unix.get("rdev")).longValue();
            }
            case 0010000 -> flag = '6';
            default -> {
                return; // a socket
            }
        }
        header(name, mode & 07777, uid, gid, size, mtime, flag, link, major(rdev), minor(rdev), xattrs);
        if (flag == '0') {
            copyContent(path, size, name);
        }
    }

    private static byte[] capabilityOf(Path file) throws IOException {
        try {
            return NativeFiles.lgetxattr(file, CAPABILITY);
        } catch (NativeFiles.NativeCallException e) {
            if (e.errno() == EOPNOTSUPP) {
                return null; // a filesystem without extended attributes has no capabilities to carry
            }
            throw e;
        }
    }

    private void copyContent(Path path, long size, String name) throws IOException {
        long left = size;
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(path + " shrank while it was read (" + name + "); nothing may change a folder being imported");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(new byte[padding]);
    }

    private void header(String name, int mode, long uid, long gid, long size, long mtime, char flag, String link,
                        long major, long minor, Map<String, byte[]> xattrs) throws IOException {
        Map<String, byte[]> pax = new LinkedHashMap<>();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100 || !isAscii(nameBytes)) {
            pax.put("path", nameBytes);
        }
        if (linkBytes.length > 100 || !isAscii(linkBytes)) {
            pax.put("linkpath", linkBytes);
        }
        if (uid > MAX_OCTAL_7) {
            pax.put("uid", Long.toString(uid).getBytes(StandardCharsets.US_ASCII));
        }
        if (gid > MAX_OCTAL_7) {
            pax.put("gid", Long.toString(gid).getBytes(StandardCharsets.US_ASCII));
        }
        if (size > MAX_OCTAL_11) {
            pax.put("size", Long.toString(size).getBytes(StandardCharsets.US_ASCII));
        }
        if (mtime < 0 || mtime > MAX_OCTAL_11) {
            pax.put("mtime", Long.toString(mtime).getBytes(StandardCharsets.US_ASCII));
        }
        pax.putAll(xattrs);
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            // The pax header's own name is never extracted; GNU tar's choice.
            out.write(block("././@PaxHeader", 0644, 0, 0, records.length, 0, 'x', "", 0, 0));
            out.write(records);
            out.write(new byte[(BLOCK - records.length % BLOCK) % BLOCK]);
        }
        out.write(block(truncate(name), mode, Math.min(uid, MAX_OCTAL_7), Math.min(gid, MAX_OCTAL_7),
                size > MAX_OCTAL_11 ? 0 : size, mtime < 0 || mtime > MAX_OCTAL_11 ? 0 : mtime, flag, truncate(link), major, minor));
    }

    private static byte[] paxRecords(Map<String, byte[]> pax) {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        pax.forEach((key, value) -> {
            byte[] body = (" " + key + "=").getBytes(StandardCharsets.UTF_8);
            int length = body.length + value.length + 1;
            // The length field counts its own digits.
            int total = length + Integer.toString(length).length();
            if (Integer.toString(total).length() != Integer.toString(length).length()) {
                total++;
            }
            records.writeBytes(Integer.toString(total).getBytes(StandardCharsets.US_ASCII));
            records.writeBytes(body);
            records.writeBytes(value);
            records.write('\n');
        });
        return records.toByteArray();
    }

    private static byte[] block(String name, int mode, long uid, long gid, long size, long mtime, char flag, String link,
                                long major, long minor) {
        byte[] b = new byte[BLOCK];
        put(b, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(b, 100, 8, mode);
        octal(b, 108, 8, uid);
        octal(b, 116, 8, gid);
        octal(b, 124, 12, size);
        octal(b, 136, 12, mtime);
        Arrays.fill(b, 148, 156, (byte) ' ');
        b[156] = (byte) flag;
        put(b, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        put(b, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(b, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        if (flag == '3' || flag == '4') {
            octal(b, 329, 8, Math.min(major, MAX_OCTAL_7));
            octal(b, 337, 8, Math.min(minor, MAX_OCTAL_7));
        }
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, b, 148, 8);
        return b;
    }

    private static void octal(byte[] b, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        put(b, offset, length - 1, digits.getBytes(StandardCharsets.US_ASCII));
    }

    private static void put(byte[] b, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, b, offset, Math.min(length, value.length));
    }

    /** What fits in a 100-byte field, cut on a character boundary; the pax record has the whole. */
    private static String truncate(String s) {
        String cut = s;
        while (cut.getBytes(StandardCharsets.UTF_8).length > 100) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte x : bytes) {
            if (x < 0x20 || x > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Linux's dev_t encoding (glibc's gnu_dev_major). */
    private static long major(long dev) {
        return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL);
    }

    private static long minor(long dev) {
        return (dev & 0xffL) | ((dev >>> 12) & ~0xffL);
    }
}
