package dev.contedor.rootfs.image.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One lstat of a path: what a layer entry is and the attributes that travel with it. Taken
 * with a single call that never follows a link, so the type and the attributes describe the
 * same file.
 *
 * @param mode  st_mode, file type bits included
 * @param rdev  the device number, meaningful for devices only (0/0 for a whiteout)
 * @param nlink the number of hard links
 * @param key   the inode, to find hard links that share it
 */
record FileStat(int mode, int uid, int gid, long rdev, long nlink, FileTime mtime, InodeKey key) {
    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev,nlink,lastModifiedTime,dev,ino";

    /** A file's identity on its host: device and inode. */
    record InodeKey(long dev, long ino) {
    }

    /** The path's own attributes (a link's, not its target's), or null when nothing is there. */
    static FileStat of(Path path) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        return new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("rdev"), ((Number) a.get("nlink")).longValue(), (FileTime) a.get("lastModifiedTime"),
                new InodeKey((Long) a.get("dev"), (Long) a.get("ino")));
    }

    int type() {
        return mode & S_IFMT;
    }

    /** Permission bits with setuid, setgid and sticky. */
    int permissions() {
        return mode & 07777;
    }

    boolean isDirectory() {
        return type() == S_IFDIR;
    }

    boolean isRegularFile() {
        return type() == S_IFREG;
    }

    boolean isSymbolicLink() {
        return type() == S_IFLNK;
    }

    /** overlayfs's whiteout: a character device numbered 0/0. */
    boolean isWhiteout() {
        return type() == S_IFCHR && rdev == 0;
    }

    /** glibc's major(): the dev_t layout of the kernel. */
    int major() {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    /** glibc's minor(). */
    int minor() {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }

    /** A word for messages: "folder", "symbolic link", ... */
    String kind() {
        return switch (type()) {
            case S_IFDIR -> "folder";
            case S_IFREG -> "regular file";
            case S_IFLNK -> "symbolic link";
            case S_IFCHR -> rdev == 0 ? "whiteout" : "character device";
            case S_IFBLK -> "block device";
            case S_IFIFO -> "fifo";
            case S_IFSOCK -> "socket";
            default -> "file of type " + Integer.toOctalString(type());
        };
    }
}
