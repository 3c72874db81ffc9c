package io.timelapse.plugin.memorization.scoring;

/** Scores a batch of token windows; {@link MemorizationScorer#score} is the real one. */
@FunctionalInterface
public interface BatchScorer {

    /** Writes the match counts of {@code rows} windows, laid out row-major in {@code windows}, to {@code matches}. */
    void score(int[] windows, int rows, byte[] matches);
}
