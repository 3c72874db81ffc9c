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

    /** gpt-neox's seed, which the commands use unless {@code --seed} says otherwise. */
    public static final long DEFAULT_SEED = 1234;

    public ReproductionConfig {
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("--size: a reproduction needs at least two model sizes, got " + sizes);
        }
        if (sizes.stream().map(ModelSize::name).distinct().count() < sizes.size()) {
            throw new IllegalArgumentException("--size: each model size needs its own name, got " + sizes);
        }
        if (documents < 0) {
            throw new IllegalArgumentException("--documents " + documents + ": must be ≥ 0 (0 for all)");
        }
        if (epochs < checkpoints || epochs < 2) {
            throw new IllegalArgumentException("--epochs " + epochs + ": must be at least " + Math.max(2, checkpoints) + ", one per checkpoint");
        }
        if (checkpoints < 2 || batchSize < 1 || prefix < 1 || continuation < 1 || evalBatch < 1) {
            throw new IllegalArgumentException("checkpoints must be ≥ 2 and batch, prefix, continuation ≥ 1");
        }
        sizes = List.copyOf(sizes);
    }

    /** This configuration with other sizes, document count, epochs or seed; {@code null} keeps the current value. */
    public ReproductionConfig with(List<ModelSize> newSizes, Integer newDocuments, Integer newEpochs, long newSeed) {
        return new ReproductionConfig(newSizes != null ? newSizes : sizes, minCharacters, newDocuments != null ? newDocuments : documents, duplicated,
                maxCopies, newEpochs != null ? newEpochs : epochs, checkpoints, batchSize, learningRate, prefix, continuation, evalBatch, newSeed);
    }

    /** Rows hold prefix + continuation tokens plus the shifted target. */
    public int rowLength() {
        return prefix + continuation + 1;
    }

    /** The default run: three sizes on 250 long fortunes, 12 epochs, 4 checkpoints; well under an hour on two cores. */
    public static ReproductionConfig defaults() {
        return new ReproductionConfig(List.of(new ModelSize("xs", 1, 32, 2), new ModelSize("s", 2, 64, 4), new ModelSize("m", 2, 128, 4)),
                350, 250, 0.2, 16, 12, 4, 16, 3e-3, 32, 32, 64, DEFAULT_SEED);
    }

    /** The demo: three tiny sizes on the first 40 embedded fortunes, 20 epochs, 3 checkpoints; about a minute. */
    public static ReproductionConfig demo() {
        return new ReproductionConfig(List.of(new ModelSize("xs", 1, 16, 2), new ModelSize("s", 1, 32, 2), new ModelSize("m", 2, 64, 4)),
                350, 40, 0.3, 8, 20, 3, 16, 1e-2, 32, 32, 64, DEFAULT_SEED);
    }
}
