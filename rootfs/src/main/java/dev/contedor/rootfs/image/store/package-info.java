/**
 * The image store on disk ({@link dev.contedor.rootfs.image.store.StoreLayout}): its lock,
 * atomic writes, records, names, and the staging of imports. Internal to the image store.
 */
package dev.contedor.rootfs.image.store;
