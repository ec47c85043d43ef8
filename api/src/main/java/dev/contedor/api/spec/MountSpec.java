package dev.contedor.api.spec;

import java.util.List;
import java.util.Objects;

/**
 * One mount made inside the container, after {@code pivot_root}, OCI style: the target is a
 * path in the container, options are the {@code mount(8)} words ({@code nosuid}, {@code ro},
 * {@code bind}, ...) plus file-system data ({@code mode=755}).
 *
 * @param sourceIsFolder for a bind mount, whether the host source is a folder (the mount
 *                       point made is then a folder, else a file); decided when the spec is
 *                       made, so that no isolator has to look at the host
 */
public record MountSpec(String destination, String type, String source, List<String> options, boolean sourceIsFolder) {
    public MountSpec {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        options = List.copyOf(options);
        if (!destination.startsWith("/")) {
            throw new IllegalArgumentException("mount destination must be absolute: " + destination);
        }
    }

    /** A file system of that type (no host path involved). */
    public static MountSpec fileSystem(String destination, String type, String source, List<String> options) {
        return new MountSpec(destination, type, source, options, true);
    }

    /** The same mount with other options. */
    public MountSpec withOptions(List<String> newOptions) {
        return new MountSpec(destination, type, source, newOptions, sourceIsFolder);
    }
}
