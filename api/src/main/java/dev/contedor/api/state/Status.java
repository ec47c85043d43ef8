package dev.contedor.api.state;

import java.util.Locale;

/** OCI runtime-spec container statuses. */
public enum Status {
    CREATING, CREATED, RUNNING, STOPPED, PAUSED;

    /** The lower-case word the OCI state uses. */
    public String ociName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
