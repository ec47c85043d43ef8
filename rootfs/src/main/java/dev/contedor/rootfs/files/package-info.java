/** File tree operations that never follow symbolic links. */
package dev.contedor.rootfs.files;
