package io.timelapse.platform.runs;

import io.timelapse.api.run.Progress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress bar on the terminal's status line, redrawn at most ten times a second:
 * {@code train [=========           ] 93/280 41s, ETA 1m22s  loss 2.314}.
 */
final class TerminalProgressBar implements Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String task;
    private final long total;
    private final StatusLine line;
    private final LongSupplier nanoTime;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos;
    private volatile long lastDrawNanos;
    private volatile String status = "";
    private final AtomicBoolean closed = new AtomicBoolean();

    TerminalProgressBar(String task, long total, StatusLine line, LongSupplier nanoTime) {
        this.task = task;
        this.total = Math.max(total, 1);
        this.line = line;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    @Override
    public void advance(long units) {
        done.addAndGet(units);
        long now = nanoTime.getAsLong();
        if (now - lastDrawNanos >= REDRAW_NANOS) {
            lastDrawNanos = now;
            line.show(text(now, false));
        }
    }

    @Override
    public void status(String text) {
        status = text == null ? "" : text;
        line.show(text(nanoTime.getAsLong(), false));
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        line.print(text(nanoTime.getAsLong(), true));
        line.release();
    }

    String text(long now, boolean finished) {
        long current = Math.min(done.get(), total);
        int filled = (int) (WIDTH * current / total);
        double seconds = (now - startNanos) / 1e9;
        String left = Durations.remaining(seconds, current, total);
        String time = finished || left == null ? Durations.format(seconds) : Durations.format(seconds) + ", ETA " + left;
        return task + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + current + "/" + total + " " + time
                + (status.isEmpty() ? "" : "  " + status);
    }
}
