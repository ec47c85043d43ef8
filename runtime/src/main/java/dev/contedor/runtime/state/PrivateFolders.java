package dev.contedor.runtime.state;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.error.ContedorException;
import dev.contedor.host.ProcessCredentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Keeps contedor's folders private to root (0700): the data folder and its {@code images/},
 * {@code containers/} and {@code rootfs/}, and the state root. They hold image content
 * (setuid binaries, device nodes, secrets baked into layers) and every container's writable
 * layer, which another user must not read or reach through a world-searchable path. Folders
 * made by an older contedor with other modes are corrected on each start; the check costs a
 * stat per folder.
 */
public final class PrivateFolders {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** The data folder's children that hold image or container content. */
    static final List<String> DATA_CHILDREN = List.of("images", "containers", "rootfs");

    private PrivateFolders() {
    }

    /** The folders of {@code paths}, created if missing, made 0700 if not; nothing when not root (nothing is written then). */
    public static void secure(RuntimePaths paths) {
        if (!ProcessCredentials.isRoot()) {
            return;
        }
        secure(paths.stateRoot());
        secure(paths.dataRoot());
        for (String child : DATA_CHILDREN) {
            secure(paths.dataRoot().resolve(child));
        }
    }

    /** One folder: created 0700, or its mode corrected; a symlink in its place is refused. */
    static void secure(Path folder) {
        try {
            if (Files.isSymbolicLink(folder)) {
                // the mode would be set on whatever the link points at
                throw ContedorException.runtime(folder + " is a symbolic link; contedor keeps its data and state in"
                        + " real folders: remove the link, or give the target with --data-root or --root");
            }
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(folder);
            }
            if (!Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(folder, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw ContedorException.runtime("cannot make " + folder + " private to root (0700): " + e.getMessage()
                    + "; check that it is a folder on a writable file system", e);
        }
    }
}
