package dev.contedor.api.spec;

import java.util.Objects;
import java.util.Optional;

/** The container's hostname and NIS domain name, set in its own UTS namespace; empty leaves the kernel's. */
public record UtsNames(Optional<String> hostname, Optional<String> domainname) {
    /** Neither (the host's UTS namespace). */
    public static final UtsNames NONE = new UtsNames(Optional.empty(), Optional.empty());

    public UtsNames {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(domainname, "domainname");
    }
}
