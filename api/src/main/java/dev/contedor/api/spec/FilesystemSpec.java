package dev.contedor.api.spec;

import java.util.List;

/**
 * The container's file system view beyond its root.
 *
 * @param mounts        mounts made after {@code pivot_root}, in order
 * @param maskedPaths   container paths hidden from the command (/dev/null or an empty tmpfs over them)
 * @param readonlyPaths container paths remounted read-only
 * @param files         files the engine gives the container, as docker gives /etc/hostname,
 *                      /etc/hosts and /etc/resolv.conf: their content is decided before launch
 */
public record FilesystemSpec(List<MountSpec> mounts, List<String> maskedPaths, List<String> readonlyPaths,
                             List<ContainerFile> files) {
    /** Nothing beyond the root. */
    public static final FilesystemSpec NONE = new FilesystemSpec(List.of(), List.of(), List.of(), List.of());

    public FilesystemSpec {
        mounts = List.copyOf(mounts);
        maskedPaths = List.copyOf(maskedPaths);
        readonlyPaths = List.copyOf(readonlyPaths);
        files = List.copyOf(files);
    }
}
