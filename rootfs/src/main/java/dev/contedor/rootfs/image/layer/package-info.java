/**
 * Image layers on disk. {@link dev.contedor.rootfs.image.layer.LayerUnpacker} unpacks each OCI
 * or docker layer tar into a folder of its own in overlayfs format (whiteouts as 0/0 character
 * devices, opaque folders marked with {@code trusted.overlay.opaque=y}), so that a container's
 * root is an overlayfs mount of those folders; {@link dev.contedor.rootfs.image.layer.LayerFlattener}
 * merges them into one plain tree where overlayfs cannot be mounted. Both never follow a
 * symbolic link, and both need root for what overlayfs needs root for.
 */
package dev.contedor.rootfs.image.layer;
