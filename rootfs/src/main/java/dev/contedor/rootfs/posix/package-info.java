/** The few POSIX calls the JDK lacks (mknod, xattrs, utimensat), through jnr-ffi loaded on first use. */
package dev.contedor.rootfs.posix;
