package io.timelapse.platform.runs;

import io.timelapse.api.run.Progress;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line progress bar redrawn in place, at most ten times a second. */
final class TerminalProgressBar implements Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String task;
    private final long total;
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long lastDrawNanos;

    TerminalProgressBar(String task, long total, PrintStream out) {
        this.task = task;
        this.total = Math.max(total, 1);
        this.out = out;
    }

    @Override
    public void advance(long units) {
        done.addAndGet(units);
        long now = System.nanoTime();
        if (now - lastDrawNanos >= REDRAW_NANOS) {
            lastDrawNanos = now;
            draw(now);
        }
    }

    @Override
    public void close() {
        draw(System.nanoTime());
        out.println();
    }

    private synchronized void draw(long now) {
        long current = Math.min(done.get(), total);
        int filled = (int) (WIDTH * current / total);
        double seconds = (now - startNanos) / 1e9;
        out.printf("\r%s [%s%s] %d/%d %.1fs", task, "=".repeat(filled), " ".repeat(WIDTH - filled), current, total, seconds);
        out.flush();
    }
}
