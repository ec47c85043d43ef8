package dev.contedor.rootfs.posix;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * The few libc calls the JDK has no equivalent for. Paths are passed as NUL-terminated
 * bytes so that file names reach the kernel exactly as Java encoded them.
 */
public interface LibC {
    int mknod(@In byte[] path, int mode, long dev);

    int lsetxattr(@In byte[] path, @In byte[] name, @In byte[] value, long size, int flags);

    long lgetxattr(@In byte[] path, @In byte[] name, @Out byte[] value, long size);

    int utimensat(int dirfd, @In byte[] path, @In long[] times, int flags);

    int umount2(@In byte[] target, int flags);

    String strerror(int errnum);
}
