package dev.contedor.rootfs.image.layer;

import dev.contedor.rootfs.posix.NativeFiles;
import dev.contedor.rootfs.posix.NativeFiles.NativeCallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies single entries between layer folders with the attributes a root filesystem needs:
 * owner, mode (setuid, setgid, sticky), mtime and file capabilities. Sources and destinations
 * are used without following links: callers hand in paths whose parents they have checked,
 * and the last component is opened with {@code O_NOFOLLOW} or created exclusively.
 */
final class EntryCopier {
    /**
     * The extended attributes a layer carries: the extractor restores file capabilities and
     * nothing else, so that is all a copy of a layer file can hold. overlayfs's own
     * {@code trusted.overlay.*} are deliberately absent: they describe a layer, not a file.
     */
    static final List<String> PRESERVED_XATTRS = List.of("security.capability");

    private static final int EOPNOTSUPP = 95;

    private final boolean preserveOwnership;

    /** @param preserveOwnership lchown copies to the source's uid/gid (needs root) */
    EntryCopier(boolean preserveOwnership) {
        this.preserveOwnership = preserveOwnership;
    }

    /** Copies a regular file (contents and attributes) to {@code destination}, where nothing may be. */
    void copyRegularFile(Path source, FileStat stat, Path destination) throws IOException {
        // Without REPLACE_EXISTING nothing at the destination is overwritten, a link included,
        // and NOFOLLOW_LINKS opens the source with O_NOFOLLOW.
        Files.copy(source, destination, LinkOption.NOFOLLOW_LINKS);
        // chown clears setuid/setgid and file capabilities, so they come after it; mtime last.
        chown(destination, stat);
        chmod(destination, stat.permissions());
        copyXattrs(source, destination);
        NativeFiles.setModificationTime(destination, stat.mtime());
    }

    /** Copies a symbolic link as it is: its target is text, never resolved here. */
    void copySymbolicLink(Path source, FileStat stat, Path destination) throws IOException {
        Files.createSymbolicLink(destination, Files.readSymbolicLink(source));
        chown(destination, stat);
        NativeFiles.setModificationTime(destination, stat.mtime());
    }

    /** Recreates a device, fifo or socket with the source's type and number. */
    void copySpecialFile(FileStat stat, Path destination) throws IOException {
        NativeFiles.mknod(destination, stat.type(), 0600, stat.major(), stat.minor());
        chown(destination, stat);
        chmod(destination, stat.permissions());
        NativeFiles.setModificationTime(destination, stat.mtime());
    }

    /** Gives an existing folder the source's owner; mode and mtime come after its content ({@link #finishFolder}). */
    void startFolder(Path folder, FileStat stat) throws IOException {
        chown(folder, stat);
    }

    /**
     * Gives a folder its mode and mtime once nothing more is written into it: a read-only
     * folder must still take its children, and every new child would change the mtime.
     */
    void finishFolder(Path folder, FileStat stat) throws IOException {
        chmod(folder, stat.permissions());
        NativeFiles.setModificationTime(folder, stat.mtime());
    }

    private void chown(Path path, FileStat stat) throws IOException {
        if (preserveOwnership) {
            // With NOFOLLOW_LINKS the JDK calls lchown, so a link itself is changed.
            Files.setAttribute(path, "unix:uid", stat.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", stat.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * chmod(2) by path, for paths just created or lstat-checked, so never a link. Not the
     * JDK's NOFOLLOW_LINKS variant: it opens the file, which blocks on a fifo.
     */
    static void chmod(Path path, int permissions) throws IOException {
        Files.setAttribute(path, "unix:mode", permissions);
    }

    private static void copyXattrs(Path source, Path destination) throws IOException {
        for (String name : PRESERVED_XATTRS) {
            byte[] value;
            try {
                value = NativeFiles.lgetxattr(source, name);
            } catch (NativeCallException e) {
                if (e.errno() == EOPNOTSUPP) {
                    return; // the source's file system has no xattrs: nothing to copy
                }
                throw e;
            }
            if (value != null) {
                NativeFiles.lsetxattr(destination, name, value);
            }
        }
    }
}
