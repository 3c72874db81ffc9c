package io.timelapse.platform.runs;

import io.timelapse.api.run.Progress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress as a plain log line every ten seconds, for batch jobs whose output is a file. A task
 * shorter than that logs nothing at all.
 */
final class LoggedProgress implements Progress {

    private static final Logger LOG = LoggerFactory.getLogger(LoggedProgress.class);
    private static final long PERIOD_NANOS = 10_000_000_000L;

    private final String task;
    private final long total;
    private final LongSupplier nanoTime;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos;
    private volatile long lastLogNanos;
    private volatile boolean logged;
    private volatile String status = "";

    LoggedProgress(String task, long total, LongSupplier nanoTime) {
        this.task = task;
        this.total = total;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastLogNanos = startNanos;
    }

    @Override
    public void advance(long units) {
        long current = done.addAndGet(units);
        long now = nanoTime.getAsLong();
        if (now - lastLogNanos >= PERIOD_NANOS) {
            lastLogNanos = now;
            logged = true;
            LOG.info("{}", line(current, now));
        }
    }

    @Override
    public void status(String text) {
        status = text == null ? "" : text;
    }

    @Override
    public void close() {
        if (!logged) {
            return;
        }
        LOG.info("{}: {}/{} done in {}{}", task, done.get(), total, Durations.format((nanoTime.getAsLong() - startNanos) / 1e9),
                status.isEmpty() ? "" : "; " + status);
    }

    /** {@code train: 93/280 (33 %) after 41s, about 1m22s left; loss 2.314}. */
    String line(long current, long now) {
        double seconds = (now - startNanos) / 1e9;
        String left = Durations.remaining(seconds, current, total);
        return task + ": " + current + "/" + total + " (" + percent(current) + " %) after " + Durations.format(seconds)
                + (left == null ? "" : ", about " + left + " left") + (status.isEmpty() ? "" : "; " + status);
    }

    private long percent(long current) {
        return total <= 0 ? 100 : 100 * current / total;
    }
}
