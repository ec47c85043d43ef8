/**
 * The on-disk store of root filesystems under {@code <dataRoot>/rootfs}: atomic, locked,
 * content-addressed builds, and the digest index that spares re-hashing tarballs.
 */
package dev.contedor.rootfs.store;
