/**
 * Reading image sources: what a source is ({@link dev.contedor.rootfs.image.format.SourceSurvey}),
 * its files with every path confined ({@link dev.contedor.rootfs.image.format.ImageFiles}),
 * the OCI and docker documents, and digests checked as blobs are read. Internal to the image store.
 */
package dev.contedor.rootfs.image.format;
