package dev.contedor.rootfs.extract;

/** An entry refused because extracting it could touch something outside the target tree. */
public final class UnsafeEntryException extends TarEntryException {
    public UnsafeEntryException(String entryName, String reason) {
        super(entryName, "refused: " + reason);
    }
}
