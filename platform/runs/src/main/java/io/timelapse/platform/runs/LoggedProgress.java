package io.timelapse.platform.runs;

import io.timelapse.api.run.Progress;
import java.util.concurrent.atomic.AtomicLong;
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
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long lastLogNanos = startNanos;
    private volatile boolean logged;

    LoggedProgress(String task, long total) {
        this.task = task;
        this.total = total;
    }

    @Override
    public void advance(long units) {
        long current = done.addAndGet(units);
        long now = System.nanoTime();
        if (now - lastLogNanos >= PERIOD_NANOS) {
            lastLogNanos = now;
            logged = true;
            LOG.info("{}: {}/{} ({} %) after {} s", task, current, total, percent(current), (now - startNanos) / 1_000_000_000L);
        }
    }

    @Override
    public void close() {
        if (!logged) {
            return;
        }
        LOG.info("{}: {}/{} done in {} s", task, done.get(), total, String.format("%.1f", (System.nanoTime() - startNanos) / 1e9));
    }

    private long percent(long current) {
        return total <= 0 ? 100 : 100 * current / total;
    }
}
