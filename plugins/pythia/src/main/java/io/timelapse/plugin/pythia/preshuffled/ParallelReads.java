package io.timelapse.plugin.pythia.preshuffled;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a large read into parts, one per core, run on the common fork-join pool and the calling thread. Widening
 * 16-bit tokens to ints is bound by one core's store rate (Java 17 does not vectorise it), not by memory, so more
 * cores read a batch faster. The caller reads the first part itself and then waits for the others.
 */
final class ParallelReads {

    /** The fewest tokens worth a part of its own (64 Pythia rows). */
    static final int MIN_TOKENS_PER_PART = 1 << 17;

    /** Reads the tokens [from, to). */
    interface Part {
        void read(int from, int to);
    }

    private ParallelReads() {}

    static void read(int tokens, Part part) {
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), tokens / MIN_TOKENS_PER_PART);
        if (parts <= 1) {
            part.read(0, tokens);
            return;
        }
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = bound(tokens, parts, p);
            int to = bound(tokens, parts, p + 1);
            others[p - 1] = ForkJoinPool.commonPool().submit(() -> part.read(from, to));
        }
        try {
            part.read(0, bound(tokens, parts, 1));
        } finally {
            // Every part has finished before the caller sees the array, also when one of them failed.
            for (ForkJoinTask<?> other : others) {
                other.join();
            }
        }
    }

    private static int bound(int tokens, int parts, int p) {
        return (int) ((long) tokens * p / parts);
    }
}
