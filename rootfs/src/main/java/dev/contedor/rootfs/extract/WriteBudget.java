package dev.contedor.rootfs.extract;

import dev.contedor.api.error.ContedorException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * How many bytes an import may write, charged as it writes them (a file's content as the
 * extractor expands it, sparse holes included; a compressed archive's spool copy; a fixed
 * cost per entry for its inode). It stops the import before the disk is full: at the
 * {@code --max-size} limit if one is given, and in any case when the file system would keep
 * less than its reserve, so a small zstd holding a 40 GiB file of zeros is refused after a
 * bounded write, not when the disk is full. One budget per import, shared by its layers.
 */
public final class WriteBudget {
    /** What an entry costs besides its content: about a tar header, an inode's worth. */
    public static final long ENTRY_COST = 512;
    /** Free space is read again after this many bytes, not on every write. */
    static final long PROBE_EVERY = 4L << 20;
    /** The free space an import always leaves: 5% of the file system, at most 1 GiB. */
    static final long MAX_RESERVE = 1L << 30;

    private final String what;
    private final OptionalLong maxBytes;
    private final LongSupplier freeBytes;
    private final long reserve;
    private final String filesystem;
    private long charged;
    private long sinceProbe;

    /**
     * @param what       the import, for the message ({@code "cannot import busybox.tar"})
     * @param maxBytes   {@code --max-size}, if given
     * @param freeBytes  the file system's usable bytes now (a fake in tests)
     * @param reserve    what must stay free
     * @param filesystem where the bytes go, for the message
     */
    public WriteBudget(String what, OptionalLong maxBytes, LongSupplier freeBytes, long reserve, String filesystem) {
        this.what = what;
        this.maxBytes = maxBytes;
        this.freeBytes = freeBytes;
        this.reserve = reserve;
        this.filesystem = filesystem;
    }

    /** No limit at all: for callers that are not imports (tests, the built-in root). */
    public static WriteBudget unlimited() {
        return new WriteBudget("", OptionalLong.empty(), () -> Long.MAX_VALUE, 0, "");
    }

    /** The reserve of a file system of {@code totalBytes}. */
    public static long reserveOf(long totalBytes) {
        return Math.min(MAX_RESERVE, totalBytes / 20);
    }

    /** Bytes charged so far. */
    public long charged() {
        return charged;
    }

    /**
     * Counts {@code bytes} about to be written.
     *
     * @throws ContedorException naming the limit reached and the fix
     */
    public void charge(long bytes) {
        charged += bytes;
        sinceProbe += bytes;
        if (maxBytes.isPresent() && charged > maxBytes.getAsLong()) {
            throw ContedorException.runtime(what + ": it unpacks to more than " + size(maxBytes.getAsLong())
                    + ", the --max-size limit; nothing was imported (give a larger --max-size if the image is"
                    + " really that large)");
        }
        if (sinceProbe >= PROBE_EVERY) {
            sinceProbe = 0;
            long free = freeBytes.getAsLong();
            if (free - reserve < PROBE_EVERY) {
                throw ContedorException.runtime(what + ": unpacking it would leave less than " + size(reserve)
                        + " free on " + filesystem + " (stopped after " + size(charged) + "); nothing was imported"
                        + " (free some disk space, or give --max-size to refuse such archives at once)");
            }
        }
    }

    /** {@code in}, charging what is read from it: for a copy that writes all it reads. */
    public InputStream charging(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    charge(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    charge(n);
                }
                return n;
            }
        };
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
