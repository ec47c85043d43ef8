package dev.contedor.rootfs.overlay;

import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * How a container gets its own writable copy of a shared root: an overlayfs over the
 * read-only layers (the default, almost free), or a full copy (docker's and podman's
 * {@code vfs}) where overlayfs cannot work. {@code CONTEDOR_STORAGE_DRIVER=overlay|vfs}
 * chooses; without it overlayfs is used when the kernel has it and the data folder is not
 * itself on an overlayfs (an overlay's upper folder cannot live on one).
 */
public enum StorageDriver {
    OVERLAY, VFS;

    /** The environment variable that chooses the driver. */
    public static final String VARIABLE = "CONTEDOR_STORAGE_DRIVER";

    /** Choices made by this process: the kernel and the mount table do not change under a run. */
    private static final Map<Path, Choice> CHOSEN = new ConcurrentHashMap<>();

    /** The driver for containers whose layers live below {@code dataRoot}, and why when it is not overlay. */
    public static Choice choose(Path dataRoot) {
        return CHOSEN.computeIfAbsent(dataRoot.toAbsolutePath(), root ->
                choose(Optional.ofNullable(System.getenv(VARIABLE)), kernelHasOverlay(Path.of("/proc/filesystems")),
                        fileSystemType(root), root));
    }

    /**
     * @param kernelHasOverlay overlayfs is registered or its module can be loaded
     * @param dataFileSystem   the type of the filesystem holding {@code dataRoot}, when known
     */
    static Choice choose(Optional<String> requested, boolean kernelHasOverlay, Optional<String> dataFileSystem,
                         Path dataRoot) {
        if (requested.isPresent() && !requested.get().isBlank()) {
            String value = requested.get().strip().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "overlay", "overlay2" -> new Choice(OVERLAY, Optional.empty());
                case "vfs" -> new Choice(VFS, Optional.empty());
                default -> throw ContedorException.runtime(VARIABLE + "=" + requested.get()
                        + ": give overlay or vfs");
            };
        }
        if (!kernelHasOverlay) {
            return new Choice(VFS, Optional.of("the kernel has no overlayfs (not in /proc/filesystems; modprobe overlay)"));
        }
        if (dataFileSystem.isPresent() && dataFileSystem.get().equals("overlay")) {
            return new Choice(VFS, Optional.of(dataRoot + " is itself on an overlayfs, which cannot hold an "
                    + "overlay's upper folder"));
        }
        return new Choice(OVERLAY, Optional.empty());
    }

    private static boolean kernelHasOverlay(Path procFilesystems) {
        try {
            for (String line : Files.readAllLines(procFilesystems)) {
                if (line.endsWith("\toverlay") || line.strip().equals("overlay")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        // not loaded yet: the kernel loads it on the first mount when the module exists
        return Files.isDirectory(Path.of("/sys/module/overlay"))
                || Files.isDirectory(Path.of("/lib/modules", System.getProperty("os.version"), "kernel/fs/overlayfs"));
    }

    private static Optional<String> fileSystemType(Path dataRoot) {
        Path existing = dataRoot.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? Optional.empty() : Optional.of(Files.getFileStore(existing).type());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * @param driver   the driver to use
     * @param fallback why overlayfs was not chosen although nobody asked for vfs (a warning)
     */
    public record Choice(StorageDriver driver, Optional<String> fallback) {
    }
}
