package dev.contedor.api.spec;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A namespace the container gets, as in the OCI runtime spec: a new one when {@code path}
 * is empty, or an existing one to join. A namespace type absent from the spec is shared
 * with the host.
 */
public record NamespaceSpec(NamespaceType type, Optional<Path> path) {
    public NamespaceSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
    }

    public static NamespaceSpec create(NamespaceType type) {
        return new NamespaceSpec(type, Optional.empty());
    }
}
