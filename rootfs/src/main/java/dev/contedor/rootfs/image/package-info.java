/**
 * The image store: {@link dev.contedor.rootfs.image.ImageStore} imports root filesystem
 * tarballs, {@code docker save} archives and OCI image layouts into content-addressed layers
 * (unpacked in overlayfs format) and names them; {@link dev.contedor.rootfs.image.ImageReference},
 * {@link dev.contedor.rootfs.image.Image} and {@link dev.contedor.rootfs.image.ImageConfig}
 * are its model. Sub-packages: {@code format} reads the archive formats, {@code store} keeps
 * the files on disk, {@code layer} unpacks a layer.
 */
package dev.contedor.rootfs.image;
