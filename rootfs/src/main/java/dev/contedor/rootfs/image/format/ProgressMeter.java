package dev.contedor.rootfs.image.format;

import dev.contedor.rootfs.image.ImportProgress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from an import's source and tells an {@link ImportProgress}, at
 * most every 256 KiB so that a progress bar does not cost more than the read.
 */
public final class ProgressMeter {
    private static final long STEP = 256 * 1024;

    private final ImportProgress progress;
    private long total;
    private long read;
    private long reported;
    private boolean started;

    public ProgressMeter(ImportProgress progress) {
        this.progress = progress;
    }

    public synchronized void start(String what, long totalBytes) {
        total = totalBytes;
        started = true;
        progress.started(what, totalBytes);
    }

    public synchronized void add(long bytes) {
        read += bytes;
        if (read - reported >= STEP) {
            reported = read;
            progress.advanced(read);
        }
    }

    /** Reports the end, the whole source counted (headers and padding are never read as content). */
    public synchronized void complete() {
        if (total >= 0 && read < total) {
            read = total;
        }
        progress.advanced(read);
        progress.finished();
    }

    /** Reports the end of a failed import, if its start was reported. */
    public synchronized void abandon() {
        if (started) {
            progress.finished();
        }
    }

    /** {@code in}, counted. */
    public InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                if (skipped > 0) {
                    add(skipped);
                }
                return skipped;
            }
        };
    }
}
