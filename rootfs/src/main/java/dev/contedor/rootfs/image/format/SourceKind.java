package dev.contedor.rootfs.image.format;

/** What an import source is, told by its content. */
public enum SourceKind {
    /** A tar of a root filesystem: one layer, configuration made up as {@code docker import} does. */
    ROOTFS_TARBALL,
    /** {@code docker save} output: a tar with {@code manifest.json}. */
    DOCKER_ARCHIVE,
    /** An OCI image layout packed as a tar. */
    OCI_ARCHIVE,
    /** An OCI image layout folder. */
    OCI_FOLDER
}
