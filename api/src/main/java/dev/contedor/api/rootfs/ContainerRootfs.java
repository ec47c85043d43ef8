package dev.contedor.api.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's root filesystem as the launch needs it.
 *
 * @param root     the folder the container's root becomes: a folder used in place, or the
 *                 (empty) mount point of the overlay
 * @param overlay  present when the root is an overlay of read-only layers, mounted on {@code root}
 * @param defaults the image's defaults for the process
 * @param image    the image's id, when the root comes from an image
 */
public record ContainerRootfs(Path root, Optional<Overlay> overlay, ImageDefaults defaults, Optional<String> image) {
    public ContainerRootfs {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(image, "image");
    }

    /**
     * The host path of a regular file as the container will see it (e.g. {@code /etc/passwd}
     * for user names), read before the container exists: in the folder, or in the top-most
     * layer that has it. Nothing is followed: a symbolic link on the way, a whiteout or
     * anything but a regular file gives empty, so the host's files are never read instead.
     */
    public Optional<Path> file(String containerPath) {
        List<String> parts = new ArrayList<>();
        for (String part : containerPath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return Optional.empty();
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        List<Path> layers = overlay.map(Overlay::lowerDirs).orElse(List.of(root));
        for (Path layer : layers) {
            Path p = layer;
            boolean missing = false;
            for (int i = 0; i < parts.size(); i++) {
                p = p.resolve(parts.get(i));
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    missing = true; // not in this layer: look below
                    break;
                }
                boolean last = i == parts.size() - 1;
                if (last ? !attrs.isRegularFile() : !attrs.isDirectory()) {
                    return Optional.empty(); // a link, a whiteout, or not what the path needs
                }
            }
            if (!missing) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A folder used in place, without image defaults. */
    public static ContainerRootfs folder(Path root) {
        return new ContainerRootfs(root, Optional.empty(), ImageDefaults.NONE, Optional.empty());
    }
}
