package dev.contedor.api.spec;

import java.util.Objects;

/**
 * A file the engine gives the container at {@code path}, with this content (e.g.
 * {@code /etc/hosts}), bind-mounted from the container's state folder, writable.
 */
public record ContainerFile(String path, String content) {
    public ContainerFile {
        Objects.requireNonNull(content, "content");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a container file's path must be absolute: " + path);
        }
    }
}
