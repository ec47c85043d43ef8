/**
 * Root filesystems built from the host: the built-in default (busybox, or the host's basic
 * tools) and {@link dev.contedor.rootfs.builtin.HostToolsRootfs} for tests that need given tools.
 */
package dev.contedor.rootfs.builtin;
