package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.TarFixture;
import dev.contedor.rootfs.posix.NativeFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/** Test helpers: unpacking fixture layers and reading what overlayfs cares about. */
final class Layers {
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    /** A valid VFS_CAP_REVISION_2 value (cap_net_raw), as the extractor tests use. */
    static final byte[] CAPABILITY = {0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private Layers() {
    }

    /** Unpacks {@code tar} into a new folder {@code parent/name} over the given lower layers (top first). */
    static Path unpack(Path parent, String name, TarFixture tar, Path... lowerTopFirst) throws IOException {
        Path layer = Files.createDirectory(parent.resolve(name));
        new LayerUnpacker().unpack(new ByteArrayInputStream(tar.bytes()), layer, List.of(lowerTopFirst));
        return layer;
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    static int permissions(Path p) throws IOException {
        return mode(p) & 07777;
    }

    static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    static int gid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    static long inode(Path p) throws IOException {
        return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    static FileTime mtime(Path p) throws IOException {
        return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    }

    static boolean isWhiteout(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return (mode(p) & 0170000) == 0020000 && (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0;
    }

    static boolean isOpaque(Path p) throws IOException {
        byte[] value = NativeFiles.lgetxattr(p, OPAQUE_XATTR);
        return value != null && new String(value).equals("y");
    }
}
