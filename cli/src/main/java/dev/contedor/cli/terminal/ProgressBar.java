package dev.contedor.cli.terminal;

import dev.contedor.rootfs.image.ImportProgress;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal: redrawn in place with {@code \r} at most ten
 * times a second, ended by a newline.
 *
 * <pre>
 * rootfs.tar.gz [==============&gt;               ]  47%  21.3 MiB / 45.0 MiB  9.8 MiB/s
 * stdin  21.3 MiB  9.8 MiB/s
 * </pre>
 */
public final class ProgressBar implements ImportProgress {
    /** Redraws closer than this (100 ms) are skipped. */
    static final long REDRAW_NANOS = 100_000_000L;
    static final int BAR_WIDTH = 30;
    private static final int LABEL_WIDTH = 24;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private String label = "";
    private long total = -1;
    private long done;
    private long startNanos;
    private long lastDrawNanos;
    private int lastLength;
    private boolean running;

    /**
     * @param out       where the bar is drawn (stderr, in practice)
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public ProgressBar(Writer out, LongSupplier nanoClock) {
        this.out = out instanceof PrintWriter p ? p : new PrintWriter(out);
        this.nanoClock = nanoClock;
    }

    /**
     * A bar on {@code err} when standard output is a terminal (the user is watching),
     * otherwise {@link ImportProgress#NONE}, so that scripts and logs get no control characters.
     */
    public static ImportProgress whenInteractive(PrintWriter err) {
        return interactive() ? new ProgressBar(err, System::nanoTime) : ImportProgress.NONE;
    }

    /** True when the JVM's standard input and output are a terminal. */
    public static boolean interactive() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public synchronized void started(String what, long totalBytes) {
        label = what == null ? "" : shorten(what);
        total = totalBytes;
        done = 0;
        startNanos = nanoClock.getAsLong();
        lastLength = 0;
        running = true;
        draw(startNanos);
    }

    @Override
    public synchronized void advanced(long bytesSoFar) {
        if (!running) {
            return;
        }
        done = bytesSoFar;
        long now = nanoClock.getAsLong();
        if (now - lastDrawNanos >= REDRAW_NANOS) {
            draw(now);
        }
    }

    @Override
    public synchronized void finished() {
        if (!running) {
            return;
        }
        draw(nanoClock.getAsLong());
        out.print('\n');
        out.flush();
        running = false;
    }

    private void draw(long now) {
        lastDrawNanos = now;
        String line = render(label, done, total, now - startNanos);
        StringBuilder text = new StringBuilder(line.length() + 8).append('\r').append(line);
        // a shorter line must wipe what the previous one left
        for (int i = line.length(); i < lastLength; i++) {
            text.append(' ');
        }
        lastLength = line.length();
        out.print(text);
        out.flush();
    }

    /** One frame, without the carriage return: label, bar, percent, bytes and rate. */
    static String render(String label, long done, long total, long elapsedNanos) {
        StringBuilder line = new StringBuilder();
        if (!label.isEmpty()) {
            line.append(label).append(' ');
        }
        if (total > 0) {
            long shown = Math.min(done, total);
            int filled = (int) (BAR_WIDTH * (double) shown / total);
            line.append('[');
            for (int i = 0; i < BAR_WIDTH; i++) {
                line.append(i < filled ? '=' : i == filled ? '>' : ' ');
            }
            line.append("] ");
            line.append(String.format(Locale.ROOT, "%3d%%", (int) (100 * (double) shown / total)));
            line.append("  ").append(bytes(done)).append(" / ").append(bytes(total));
        } else {
            line.append(' ').append(bytes(done));
        }
        String rate = rate(done, elapsedNanos);
        if (!rate.isEmpty()) {
            line.append("  ").append(rate);
        }
        return line.toString();
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 21.3 MiB}, {@code 4.0 GiB}. */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KiB would print as 1024.0 KiB: move up a unit instead
        if (value >= 1023.95 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Bytes per second since the start; empty until a tenth of a second has passed. */
    static String rate(long done, long elapsedNanos) {
        if (elapsedNanos < REDRAW_NANOS) {
            return "";
        }
        return bytes((long) (done / (elapsedNanos / 1e9))) + "/s";
    }

    /** The file name of a path (a folder's keeps its '/'), at most 24 characters. */
    static String shorten(String what) {
        String name = what;
        int slash = name.lastIndexOf('/', name.length() - 2);
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        return name.length() <= LABEL_WIDTH ? name : "..." + name.substring(name.length() - LABEL_WIDTH + 3);
    }
}
