package io.timelapse.plugin.memorization.table;

import java.util.Locale;

/**
 * How a table's model was trained, as far as the rows of a step and its compute go: rows per step
 * and tokens per row (a row less its shifted target), and where these numbers were read.
 *
 * @param source the training record they come from, or the options that gave them
 */
public record TrainingSettings(int batchSize, int sequenceLength, String source) {

    public TrainingSettings {
        if (batchSize < 1 || sequenceLength < 1) {
            throw new IllegalArgumentException("batch size and sequence length must be ≥ 1, got " + batchSize + " and " + sequenceLength
                    + " (" + source + ")");
        }
    }

    /** Tokens trained on in {@code steps} steps. */
    public long tokens(long steps) {
        return Math.multiplyExact(Math.multiplyExact(steps, (long) batchSize), (long) sequenceLength);
    }

    /** Whether compute derived under {@code other} is comparable with compute derived under these settings. */
    public boolean agrees(TrainingSettings other) {
        return batchSize == other.batchSize && sequenceLength == other.sequenceLength;
    }

    /** {@code batch 16 × 64 tokens (from …)}. */
    public String describe() {
        return String.format(Locale.ROOT, "batch %d × %d tokens (from %s)", batchSize, sequenceLength, source);
    }
}
