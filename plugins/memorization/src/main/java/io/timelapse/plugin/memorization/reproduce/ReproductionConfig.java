package io.timelapse.plugin.memorization.reproduce;

import java.util.List;

/**
 * A small-scale reproduction: a family of model sizes trained on the same rows for {@code epochs}
 * passes with {@code checkpoints} evenly spaced checkpoints (the last at the end), all scored on the
 * first epoch's rows.
 *
 * @param minCharacters documents shorter than this are left out: a 32-token continuation that crosses
 *     into the next document (after EOD, which the paper's scoring bans) can never be memorized, so
 *     short quotations would hide memorization
 * @param documents at most this many corpus documents (the first long enough ones), 0 for all
 * @param duplicated share of documents repeated within an epoch
 * @param maxCopies the most copies of a repeated document
 */
public record ReproductionConfig(List<ModelSize> sizes, int minCharacters, int documents, double duplicated, int maxCopies, int epochs, int checkpoints, int batchSize,
                                 double learningRate, int prefix, int continuation, int evalBatch, long seed) {

    public ReproductionConfig {
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("a reproduction needs at least two model sizes, got " + sizes);
        }
        if (checkpoints < 2 || checkpoints > epochs) {
            throw new IllegalArgumentException("checkpoints must be in [2, epochs] so each one has seen the first epoch, got " + checkpoints);
        }
        if (epochs < 2 || batchSize < 1 || prefix < 1 || continuation < 1 || evalBatch < 1) {
            throw new IllegalArgumentException("epochs must be ≥ 2 and batch, prefix, continuation ≥ 1");
        }
        sizes = List.copyOf(sizes);
    }

    /** Rows hold prefix + continuation tokens plus the shifted target. */
    public int rowLength() {
        return prefix + continuation + 1;
    }

    /** The default run: three sizes on 250 long fortunes, well under an hour on two cores. */
    public static ReproductionConfig defaults() {
        return new ReproductionConfig(List.of(new ModelSize("xs", 1, 32, 2), new ModelSize("s", 2, 64, 4), new ModelSize("m", 2, 128, 4)),
                350, 250, 0.2, 16, 12, 4, 16, 3e-3, 32, 32, 64, 1234);
    }

    /** The demo: three tiny sizes on the embedded slice, about a minute. */
    public static ReproductionConfig demo() {
        return new ReproductionConfig(List.of(new ModelSize("xs", 1, 16, 2), new ModelSize("s", 1, 32, 2), new ModelSize("m", 2, 64, 4)),
                350, 40, 0.3, 8, 20, 3, 16, 1e-2, 32, 32, 64, 1234);
    }
}
