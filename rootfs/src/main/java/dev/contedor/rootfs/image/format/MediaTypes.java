package dev.contedor.rootfs.image.format;

import dev.contedor.api.error.ContedorException;
import java.util.Set;

/**
 * The media types of image manifests, indexes and layers that the store understands, OCI's
 * and docker's spellings alike.
 */
public final class MediaTypes {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

    /** Layers whose bytes are in the archive; the compression is told from the bytes themselves. */
    private static final Set<String> LAYERS = Set.of(
            "application/vnd.oci.image.layer.v1.tar",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+zstd",
            "application/vnd.docker.image.rootfs.diff.tar",
            "application/vnd.docker.image.rootfs.diff.tar.gzip");

    /** Layers that registries are not allowed to ship, so archives usually lack them. */
    private static final Set<String> NON_DISTRIBUTABLE = Set.of(
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_MANIFEST_LIST);
    }

    public static boolean isManifest(String mediaType) {
        return mediaType.equals(OCI_MANIFEST) || mediaType.equals(DOCKER_MANIFEST);
    }

    /**
     * Refuses a layer the store cannot import, naming it.
     *
     * @param where names the layer and its archive
     */
    public static void requireImportableLayer(String mediaType, String where) {
        if (LAYERS.contains(mediaType)) {
            return;
        }
        if (NON_DISTRIBUTABLE.contains(mediaType)) {
            throw ContedorException.runtime(where + " is a non-distributable (foreign) layer (" + mediaType
                    + "), whose content lives outside the archive and is not imported; save the image with its foreign layers included");
        }
        throw ContedorException.runtime(where + " has the media type \"" + mediaType
                + "\", which is not an image layer this store can import (tar, tar+gzip or tar+zstd)");
    }
}
