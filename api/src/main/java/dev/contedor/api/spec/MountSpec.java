package dev.contedor.api.spec;

import java.util.List;
import java.util.Objects;

/**
 * One mount made inside the container, after {@code pivot_root}, OCI style: the target is a
 * path in the container, options are the {@code mount(8)} words ({@code nosuid}, {@code ro},
 * {@code bind}, ...) plus file-system data ({@code mode=755}).
 */
public record MountSpec(String destination, String type, String source, List<String> options) {
    public MountSpec {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        options = List.copyOf(options);
        if (!destination.startsWith("/")) {
            throw new IllegalArgumentException("mount destination must be absolute: " + destination);
        }
    }
}
