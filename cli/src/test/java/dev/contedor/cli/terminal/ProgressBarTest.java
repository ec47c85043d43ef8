package dev.contedor.cli.terminal;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {
    private static final long MS = 1_000_000L;
    private static final long MIB = 1024 * 1024;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final StringWriter out = new StringWriter();
    private final ProgressBar bar = new ProgressBar(out, clock::get);

    @Test
    void firstFrameIsAnEmptyBarWithoutRate() {
        bar.started("rootfs.tar.gz", 10 * MIB);
        assertEquals("\rrootfs.tar.gz [>                             ]   0%  0 B / 10.0 MiB", out.toString());
    }

    @Test
    void frameShowsBarPercentBytesAndRate() {
        bar.started("rootfs.tar.gz", 10 * MIB);
        clock.addAndGet(500 * MS);
        bar.advanced(5 * MIB);
        String frame = lastFrame();
        assertEquals("rootfs.tar.gz [===============>              ]  50%  5.0 MiB / 10.0 MiB  10.0 MiB/s", frame);
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        bar.started("x", 100 * MIB);
        int before = frames();
        for (int i = 1; i <= 50; i++) {
            clock.addAndGet(10 * MS); // 50 updates over half a second
            bar.advanced(i * MIB);
        }
        int drawn = frames() - before;
        assertEquals(5, drawn, out.toString());
    }

    @Test
    void finishedDrawsTheLastFrameAndEndsTheLine() {
        bar.started("x", 4 * MIB);
        clock.addAndGet(20 * MS);
        bar.advanced(4 * MIB); // too soon after the first frame: not drawn
        assertFalse(out.toString().contains("100%"));
        clock.addAndGet(1980 * MS);
        bar.finished();
        String text = out.toString();
        assertTrue(text.endsWith("\n"), text);
        assertEquals("x [==============================] 100%  4.0 MiB / 4.0 MiB  2.0 MiB/s", lastFrame());
        bar.finished();
        assertEquals(text, out.toString(), "a second finished() writes nothing");
    }

    @Test
    void unknownTotalShowsBytesAndRateOnly() {
        bar.started("stdin", -1);
        clock.addAndGet(2000 * MS);
        bar.advanced(3 * MIB);
        assertEquals("stdin  3.0 MiB  1.5 MiB/s", lastFrame());
    }

    @Test
    void aShorterFrameWipesTheLongerOne() {
        bar.started("", -1);
        clock.addAndGet(1000 * MS);
        bar.advanced(1023 * MIB); // " 1023.0 MiB  1023.0 MiB/s"
        clock.addAndGet(1000 * MS);
        bar.advanced(1024 * MIB); // " 1.0 GiB  512.0 MiB/s": shorter, padded with spaces
        String[] frames = out.toString().split("\r");
        String last = frames[frames.length - 1];
        assertEquals(frames[frames.length - 2].length(), last.length());
        assertTrue(last.startsWith(" 1.0 GiB  512.0 MiB/s "), last);
    }

    @Test
    void nothingBeforeStarted() {
        bar.advanced(10);
        bar.finished();
        assertEquals("", out.toString());
    }

    @Test
    void longLabelsAreShortened() {
        bar.started("/var/tmp/some/very/long/folder/debian-bookworm-amd64-rootfs.tar.zst", 1);
        String frame = lastFrame();
        assertTrue(frame.startsWith("...-amd64-rootfs.tar.zst ["), frame);
    }

    @Test
    void labelsAreFileNames() {
        assertEquals("rootfs.tar.gz", ProgressBar.shorten("/srv/images/rootfs.tar.gz"));
        assertEquals("oci-layout/", ProgressBar.shorten("/srv/images/oci-layout/"));
        assertEquals("rootfs.tar", ProgressBar.shorten("rootfs.tar"));
    }

    @Test
    void humanBytes() {
        assertEquals("0 B", ProgressBar.bytes(0));
        assertEquals("1023 B", ProgressBar.bytes(1023));
        assertEquals("1.0 KiB", ProgressBar.bytes(1024));
        assertEquals("1.5 KiB", ProgressBar.bytes(1536));
        assertEquals("21.3 MiB", ProgressBar.bytes((long) (21.3 * MIB)));
        assertEquals("1.0 MiB", ProgressBar.bytes(MIB - 1));
        assertEquals("4.0 GiB", ProgressBar.bytes(4L * 1024 * MIB));
    }

    @Test
    void rateNeedsATenthOfASecond() {
        assertEquals("", ProgressBar.rate(MIB, 50 * MS));
        assertEquals("10.0 MiB/s", ProgressBar.rate(MIB, 100 * MS));
    }

    private String lastFrame() {
        String[] frames = out.toString().split("\r");
        return frames[frames.length - 1].strip();
    }

    private int frames() {
        return (int) out.toString().chars().filter(c -> c == '\r').count();
    }
}
