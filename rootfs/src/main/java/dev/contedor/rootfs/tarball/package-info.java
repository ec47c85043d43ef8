/** Root filesystems given as tarballs: format detection by content and unpacking into the store. */
package dev.contedor.rootfs.tarball;
