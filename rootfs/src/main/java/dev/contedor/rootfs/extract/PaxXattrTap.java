package dev.contedor.rootfs.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches the raw tar stream that commons-compress reads and keeps the exact bytes of PAX
 * {@code SCHILY.xattr.*} records. commons-compress decodes every PAX value as UTF-8, which
 * destroys binary values such as {@code security.capability} (a byte 0x80, as in
 * cap_setuid, becomes U+FFFD). This class follows the tar framing in parallel, without
 * buffering anything but headers and PAX records, and numbers the real entries the way
 * {@code getNextEntry} returns them, so that the extractor can ask for entry n's raw values.
 * If the framing ever looks wrong it gives up (the extractor then falls back to the decoded
 * value when that is lossless).
 */
final class PaxXattrTap extends FilterInputStream {
    static final String XATTR_PREFIX = "SCHILY.xattr.";
    private static final int BLOCK = 512;
    private static final int MAX_PAX_RECORDS = 1 << 20;

    private enum State { HEADER, PAX, SPARSE_EXTENSION, SKIP }

    private State state = State.HEADER;
    private final byte[] block = new byte[BLOCK];
    private int blockFill;
    private long skipRemaining;
    private byte[] pax;
    private int paxFill;
    private boolean paxGlobal;
    private long paxPadding;
    private long sparseDataSize;
    private final Map<String, byte[]> globalXattrs = new HashMap<>();
    private Map<String, byte[]> localXattrs = new HashMap<>();
    private Long localSize;
    private int realEntries;
    private Map<String, byte[]> lastEntryXattrs = Map.of();
    private boolean lost;

    PaxXattrTap(InputStream in) {
        super(in);
    }

    /**
     * The raw value of a PAX key (e.g. {@code SCHILY.xattr.security.capability}) for the
     * {@code ordinal}-th real entry (1-based), or null when unknown.
     */
    byte[] rawValue(int ordinal, String key) {
        if (lost || ordinal != realEntries) {
            return null;
        }
        return lastEntryXattrs.get(key);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            observe(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            observe(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            observeSkipped(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void observeSkipped(long n) {
        // Skipping is only legitimate over content and padding. The other case is the rest
        // of the last record after the end-of-archive blocks, where nothing of interest
        // follows; anything else means the framing is not what this class thinks.
        if (state == State.SKIP && n <= skipRemaining) {
            skipRemaining -= n;
            if (skipRemaining == 0) {
                state = State.HEADER;
            }
        } else {
            lost = true;
        }
    }

    private void observe(byte[] b, int off, int len) {
        while (len > 0 && !lost) {
            switch (state) {
                case HEADER, SPARSE_EXTENSION -> {
                    int n = Math.min(len, BLOCK - blockFill);
                    System.arraycopy(b, off, block, blockFill, n);
                    blockFill += n;
                    off += n;
                    len -= n;
                    if (blockFill == BLOCK) {
                        blockFill = 0;
                        if (state == State.HEADER) {
                            onHeader();
                        } else {
                            onSparseExtension();
                        }
                    }
                }
                case PAX -> {
                    int n = Math.min(len, pax.length - paxFill);
                    System.arraycopy(b, off, pax, paxFill, n);
                    paxFill += n;
                    off += n;
                    len -= n;
                    if (paxFill == pax.length) {
                        onPaxRecords();
                        passOver(paxPadding);
                    }
                }
                case SKIP -> {
                    int n = (int) Math.min(len, skipRemaining);
                    skipRemaining -= n;
                    off += n;
                    len -= n;
                    if (skipRemaining == 0) {
                        state = State.HEADER;
                    }
                }
            }
        }
    }

    private void onHeader() {
        if (isZeroBlock()) {
            return;
        }
        long size = headerSize();
        if (size < 0) {
            lost = true;
            return;
        }
        byte type = block[156];
        switch (type) {
            case 'x', 'X' -> startPax(size, false);
            case 'g' -> startPax(size, true);
            case 'L', 'K' -> passOver(padded(size));
            case 'S' -> {
                entryComplete();
                if (block[482] != 0) {
                    sparseDataSize = size;
                    state = State.SPARSE_EXTENSION;
                } else {
                    passOver(padded(size));
                }
            }
            // commons-compress reads no data for a directory whatever its size field says.
            case '5' -> {
                entryComplete();
                passOver(0);
            }
            default -> {
                long dataSize = localSize != null ? localSize : size;
                entryComplete();
                passOver(padded(dataSize));
            }
        }
    }

    private void onSparseExtension() {
        if (block[504] == 0) {
            passOver(padded(sparseDataSize));
        }
    }

    private void startPax(long size, boolean global) {
        if (size > MAX_PAX_RECORDS) {
            lost = true;
            return;
        }
        pax = new byte[(int) size];
        paxFill = 0;
        paxGlobal = global;
        paxPadding = padded(size) - size;
        state = State.PAX;
        if (size == 0) {
            onPaxRecords();
            passOver(paxPadding);
        }
    }

    /** Parses "LEN KEY=VALUE\n" records, keeping values as bytes. */
    private void onPaxRecords() {
        Map<String, byte[]> target = paxGlobal ? globalXattrs : localXattrs;
        int pos = 0;
        while (pos < pax.length) {
            int space = pos;
            long length = 0;
            while (space < pax.length && pax[space] >= '0' && pax[space] <= '9') {
                length = length * 10 + (pax[space] - '0');
                if (length > pax.length) {
                    lost = true;
                    return;
                }
                space++;
            }
            if (space == pos || space >= pax.length || pax[space] != ' ' || pos + length > pax.length || length < 4) {
                // A NUL-padded tail after the last record ends the list.
                if (pax[pos] == 0) {
                    return;
                }
                lost = true;
                return;
            }
            int end = (int) (pos + length) - 1; // the record's trailing newline
            int equals = space + 1;
            while (equals < end && pax[equals] != '=') {
                equals++;
            }
            if (equals >= end || pax[end] != '\n') {
                lost = true;
                return;
            }
            String key = new String(pax, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            byte[] value = Arrays.copyOfRange(pax, equals + 1, end);
            if (key.startsWith(XATTR_PREFIX)) {
                target.put(key, value);
            } else if (key.equals("size") && !paxGlobal) {
                try {
                    localSize = value.length == 0 ? null : Long.parseLong(new String(value, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    lost = true;
                    return;
                }
            }
            pos = end + 1;
        }
    }

    private void entryComplete() {
        realEntries++;
        Map<String, byte[]> merged = new HashMap<>(globalXattrs);
        merged.putAll(localXattrs);
        // An empty value deletes the key (POSIX pax semantics), as commons-compress does.
        merged.values().removeIf(v -> v.length == 0);
        lastEntryXattrs = merged;
        localXattrs = new HashMap<>();
        localSize = null;
    }

    private void passOver(long n) {
        skipRemaining = n;
        state = n == 0 ? State.HEADER : State.SKIP;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private boolean isZeroBlock() {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The size field: octal text, or base-256 when the top bit of its first byte is set. */
    private long headerSize() {
        int off = 124;
        int len = 12;
        if ((block[off] & 0x80) != 0) {
            if ((block[off] & 0x40) != 0) {
                return -1; // negative
            }
            long v = block[off] & 0x3f;
            for (int i = 1; i < len; i++) {
                if (v > (Long.MAX_VALUE >>> 8)) {
                    return -1;
                }
                v = (v << 8) | (block[off + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = off;
        int stop = off + len;
        while (i < stop && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        for (; i < stop && block[i] >= '0' && block[i] <= '7'; i++) {
            v = v * 8 + (block[i] - '0');
        }
        return v;
    }
}
