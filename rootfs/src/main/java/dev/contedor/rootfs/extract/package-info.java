/**
 * Safe tar extraction, reusable by image formats: {@link dev.contedor.rootfs.extract.SafeTarExtractor}
 * writes only below its target; {@link dev.contedor.rootfs.extract.EntryInterceptor} lets a
 * layer format (OCI, docker-save) handle whiteouts before the default handling, using
 * {@link dev.contedor.rootfs.extract.ConfinedTree} to reach paths without following links.
 */
package dev.contedor.rootfs.extract;
