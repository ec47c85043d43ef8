package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.posix.NativeFiles;
import dev.contedor.rootfs.posix.NativeFiles.NativeCallException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How overlayfs stores deletions in a layer folder, which is how unpacked layers are kept so
 * that they can be mounted as they are: a removed name is a character device 0/0 (mode 0),
 * a folder that hides what lower layers have at its place carries the xattr
 * {@code trusted.overlay.opaque=y}. Both need root ({@code CAP_MKNOD}, {@code CAP_SYS_ADMIN}).
 */
final class OverlayFormat {
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final byte[] OPAQUE_VALUE = {'y'};
    private static final int EOPNOTSUPP = 95;

    private OverlayFormat() {
    }

    /** Creates a whiteout at {@code path}, where nothing may be. */
    static void placeWhiteout(Path path) throws IOException {
        // Mode 0 and 0/0, as overlayfs itself creates them; only the type and number count.
        NativeFiles.mknod(path, NativeFiles.S_IFCHR, 0, 0, 0);
    }

    static void markOpaque(Path folder) throws IOException {
        try {
            NativeFiles.lsetxattr(folder, OPAQUE_XATTR, OPAQUE_VALUE);
        } catch (NativeCallException e) {
            if (e.isPermissionDenied()) {
                throw new IOException(e.getMessage() + "; marking an opaque folder needs root (CAP_SYS_ADMIN):"
                        + " unpack image layers as root", e);
            }
            throw e;
        }
    }

    /**
     * Whether overlayfs takes this folder as opaque. A layer's root never is: overlayfs ignores
     * the xattr there (checked on Linux 6.x), so callers do not ask for it.
     */
    static boolean isOpaque(Path folder) throws IOException {
        byte[] value;
        try {
            value = NativeFiles.lgetxattr(folder, OPAQUE_XATTR);
        } catch (NativeCallException e) {
            if (e.errno() == EOPNOTSUPP) {
                return false; // a file system without xattrs has no opaque folders
            }
            throw e;
        }
        return value != null && Arrays.equals(value, OPAQUE_VALUE);
    }
}
