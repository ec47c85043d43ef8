package dev.contedor.rootfs.image;

/**
 * Hears how far an import is. Bytes are those read from the source (compressed, as stored),
 * so that a progress bar moves with the disk rather than with decompression.
 */
public interface ImportProgress {

    /** Reading began; {@code totalBytes} is the source's size, or -1 when unknown. */
    void started(String what, long totalBytes);

    /** {@code bytesSoFar} bytes of the source have been read. */
    void advanced(long bytesSoFar);

    /** The import ended, successfully or not. */
    void finished();

    /** Hears nothing. */
    ImportProgress NONE = new ImportProgress() {
        @Override
        public void started(String what, long totalBytes) {
        }

        @Override
        public void advanced(long bytesSoFar) {
        }

        @Override
        public void finished() {
        }
    };
}
