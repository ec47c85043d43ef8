package dev.contedor.runtime.spec;

/** How a namespace-valued flag ({@code --pid}, {@code --ipc}, {@code --uts}, {@code --network}) was given. */
public enum NamespaceMode {
    /** The container's own namespace (the default). */
    PRIVATE,
    /** The host's namespace, shared. */
    HOST,
    /** {@code --network none}: a namespace of its own with only loopback. */
    NONE
}
