package dev.contedor.rootfs.posix;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * File operations that need libc: device nodes, fifos, extended attributes, detaching mounts. jnr-ffi is
 * loaded on first use only (holder idiom), because most commands never need it and its
 * start-up cost is tens of milliseconds.
 */
public final class NativeFiles {
    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;

    private static final int AT_FDCWD = -100;
    private static final int MNT_DETACH = 2;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final long UTIME_OMIT = (1L << 30) - 2;

    public static final int EPERM = 1;
    public static final int ENODATA = 61;
    public static final int ERANGE = 34;

    /** The encoding the JDK uses for file names; the same bytes must reach libc. */
    private static final Charset FILE_NAME_CHARSET = fileNameCharset();

    private NativeFiles() {
    }

    private static final class Loaded {
        static final LibC LIBC = jnr.ffi.LibraryLoader.create(LibC.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);
    }

    /** mknod(2) of a fifo or a device; {@code major}/{@code minor} are ignored for fifos. */
    public static void mknod(Path path, int type, int permissions, int major, int minor) throws NativeCallException {
        int rc = Loaded.LIBC.mknod(cString(path.toString()), type | (permissions & 07777), makedev(major, minor));
        if (rc != 0) {
            throw failure("mknod", path);
        }
    }

    /** umount2(2) with MNT_DETACH: the mount leaves the tree now, the kernel frees it when unused. */
    public static void detachMount(Path target) throws NativeCallException {
        int rc = Loaded.LIBC.umount2(cString(target.toString()), MNT_DETACH);
        if (rc != 0) {
            throw failure("umount2", target);
        }
    }

    /** lsetxattr(2): sets an extended attribute on the path itself, never on a link's target. */
    public static void lsetxattr(Path path, String name, byte[] value) throws NativeCallException {
        int rc = Loaded.LIBC.lsetxattr(cString(path.toString()), cString(name), value, value.length, 0);
        if (rc != 0) {
            throw failure("lsetxattr " + name, path);
        }
    }

    /** lgetxattr(2); returns null when the attribute is absent. */
    public static byte[] lgetxattr(Path path, String name) throws NativeCallException {
        byte[] buffer = new byte[256];
        while (true) {
            long n = Loaded.LIBC.lgetxattr(cString(path.toString()), cString(name), buffer, buffer.length);
            if (n >= 0) {
                return Arrays.copyOf(buffer, (int) n);
            }
            int errno = Loaded.RUNTIME.getLastError();
            if (errno == ENODATA) {
                return null;
            }
            if (errno == ERANGE && buffer.length < 65536) {
                buffer = new byte[buffer.length * 4];
                continue;
            }
            throw new NativeCallException("lgetxattr " + name, path, errno, Loaded.LIBC.strerror(errno));
        }
    }

    /**
     * Sets a file's mtime (leaving its atime) without opening it and without following a
     * link. The JDK's setTimes opens the file first, which blocks on a fifo, may have side
     * effects on a device, and fails on a file without read permission.
     */
    public static void setModificationTime(Path path, FileTime mtime) throws NativeCallException {
        long seconds = mtime.to(TimeUnit.SECONDS);
        long nanos = mtime.to(TimeUnit.NANOSECONDS) - TimeUnit.SECONDS.toNanos(seconds);
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000L;
        }
        // struct timespec[2] {atime, mtime} as 64-bit fields (LP64 Linux).
        long[] times = {0, UTIME_OMIT, seconds, nanos};
        int rc = Loaded.LIBC.utimensat(AT_FDCWD, cString(path.toString()), times, AT_SYMLINK_NOFOLLOW);
        if (rc != 0) {
            throw failure("utimensat", path);
        }
    }

    /** The kernel's dev_t layout (glibc's makedev). */
    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0x00000fffL) << 8)
                | ((mi & 0xffffff00L) << 12) | (mi & 0x000000ffL);
    }

    private static NativeCallException failure(String call, Path path) {
        int errno = Loaded.RUNTIME.getLastError();
        return new NativeCallException(call, path, errno, Loaded.LIBC.strerror(errno));
    }

    private static byte[] cString(String s) {
        byte[] bytes = s.getBytes(FILE_NAME_CHARSET);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A libc call that failed, with its errno so that callers can tell EPERM from the rest. */
    public static final class NativeCallException extends IOException {
        private final int errno;

        NativeCallException(String call, Path path, int errno, String description) {
            super(call + " " + path + ": " + description);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }

        public boolean isPermissionDenied() {
            return errno == EPERM || errno == 13 /* EACCES */;
        }
    }
}
