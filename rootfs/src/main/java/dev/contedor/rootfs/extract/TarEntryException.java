package dev.contedor.rootfs.extract;

import java.io.IOException;

/** Extraction failed at a given entry; the message names the entry as stored in the archive. */
public class TarEntryException extends IOException {
    private final String entryName;

    public TarEntryException(String entryName, String reason) {
        super("entry \"" + entryName + "\": " + reason);
        this.entryName = entryName;
    }

    public TarEntryException(String entryName, String reason, Throwable cause) {
        super("entry \"" + entryName + "\": " + reason, cause);
        this.entryName = entryName;
    }

    /** The entry's name exactly as the archive stores it. */
    public String entryName() {
        return entryName;
    }
}
