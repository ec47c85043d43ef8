/**
 * contedor's root filesystems: {@link dev.contedor.rootfs.DefaultRootfsProvider} turns
 * {@code --rootfs} (a directory, a tarball, or nothing) into a directory a container can use.
 */
package dev.contedor.rootfs;
