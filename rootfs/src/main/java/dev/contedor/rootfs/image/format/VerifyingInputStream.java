package dev.contedor.rootfs.image.format;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.store.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A blob read while it is hashed and counted, so that checking it costs no second read.
 * Nothing is trusted until {@link #verify()} has drained the stream and compared: callers
 * write what they read only into staging, which is thrown away on a mismatch.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private final Optional<Digest> expected;
    private final long expectedSize;
    private final String what;
    private final String expectation;
    private long count;

    /**
     * @param expected     the digest the content must have, or empty to only hash it
     * @param expectedSize the size it must have, or -1
     * @param what         names the blob and its source, for the refusal
     */
    public VerifyingInputStream(InputStream in, Optional<Digest> expected, long expectedSize, String what) {
        this(in, expected, expectedSize, what, "its digest");
    }

    /** @param expectation what the expected digest is, e.g. {@code its diff id}, for the refusal */
    public VerifyingInputStream(InputStream in, Optional<Digest> expected, long expectedSize, String what, String expectation) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
        this.expectation = expectation;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be hashed too.
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * Reads what is left, then compares.
     *
     * @return the digest of everything read
     * @throws ContedorException naming the blob when its size or digest differs
     */
    public Digest verify() throws IOException {
        transferTo(java.io.OutputStream.nullOutputStream());
        Digest actual = new Digest(Sha256.hex(digest));
        if (expectedSize >= 0 && count != expectedSize) {
            throw ContedorException.runtime(what + " has " + count + " bytes where its descriptor says " + expectedSize
                    + "; the archive is damaged or was tampered with, nothing was imported");
        }
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw ContedorException.runtime(what + " does not match " + expectation + " " + expected.get() + " (its content hashes to "
                    + actual + "); the archive is damaged or was tampered with, nothing was imported");
        }
        return actual;
    }
}
