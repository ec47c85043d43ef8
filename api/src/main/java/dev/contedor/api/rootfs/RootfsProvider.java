package dev.contedor.api.rootfs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns what the user named with {@code --rootfs} (a directory, a tarball, or nothing for
 * the built-in root filesystem) into a directory a container can use. Found with
 * {@link java.util.ServiceLoader}.
 */
public interface RootfsProvider {

    /**
     * @param requested the user's {@code --rootfs}, absent for the built-in root filesystem
     * @param dataRoot  contedor's data folder (default {@code /var/lib/contedor}) for unpacked
     *                  and built root filesystems
     * @return an existing directory
     * @throws dev.contedor.api.error.ContedorException naming the path and the fix when it cannot
     */
    Path resolve(Optional<Path> requested, Path dataRoot);
}
