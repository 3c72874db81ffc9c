package io.timelapse.plugin.memorization.reproduce;

import java.util.List;

/**
 * A small-scale reproduction: a family of model sizes trained on the same rows, either for {@code epochs} passes over
 * rows cut from documents with {@code checkpoints} evenly spaced checkpoints (the last at the end), all scored on the
 * first epoch's rows ({@link Regime#REPEATED_EPOCHS}), or for one pass over given rows as Pythia trained
 * ({@link Regime#ONE_PASS}: {@link StudyPlan#pythia}; the document options and {@code epochs}, {@code checkpoints} do not
 * apply).
 *
 * @param minCharacters documents shorter than this are left out: a 32-token continuation that crosses
 *     into the next document (after EOD, which the paper's scoring bans) can never be memorized, so
 *     short quotations would hide memorization
 * @param documents at most this many corpus documents (the first long enough ones), 0 for all
 * @param duplicated share of documents repeated within an epoch
 * @param maxCopies the most copies of a repeated document
 */
public record ReproductionConfig(Regime regime, List<ModelSize> sizes, int minCharacters, int documents, double duplicated, int maxCopies, int epochs,
                                 int checkpoints, int batchSize, double learningRate, int prefix, int continuation, int evalBatch, long seed) {

    /** How the family trains: many passes over rows with repeated documents, or one pass over given rows. */
    public enum Regime { REPEATED_EPOCHS, ONE_PASS }

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
        if (regime == Regime.REPEATED_EPOCHS && (epochs < checkpoints || epochs < 2)) {
            throw new IllegalArgumentException("--epochs " + epochs + ": must be at least " + Math.max(2, checkpoints) + ", one per checkpoint");
        }
        if (checkpoints < 2 || batchSize < 1 || prefix < 1 || continuation < 1 || evalBatch < 1) {
            throw new IllegalArgumentException("checkpoints must be ≥ 2 and batch, prefix, continuation ≥ 1");
        }
        sizes = List.copyOf(sizes);
    }

    /** This configuration with other sizes, document count, epochs or seed; {@code null} keeps the current value. */
    public ReproductionConfig with(List<ModelSize> newSizes, Integer newDocuments, Integer newEpochs, long newSeed) {
        return new ReproductionConfig(regime, newSizes != null ? newSizes : sizes, minCharacters, newDocuments != null ? newDocuments : documents, duplicated,
                maxCopies, newEpochs != null ? newEpochs : epochs, checkpoints, batchSize, learningRate, prefix, continuation, evalBatch, newSeed);
    }

    /** Rows hold prefix + continuation tokens plus the shifted target. */
    public int rowLength() {
        return prefix + continuation + 1;
    }

    /** The default run: three sizes on 250 long fortunes, 12 epochs, 4 checkpoints; well under an hour on two cores. */
    public static ReproductionConfig defaults() {
        return new ReproductionConfig(Regime.REPEATED_EPOCHS, List.of(new ModelSize("xs", 1, 32, 2), new ModelSize("s", 2, 64, 4),
                new ModelSize("m", 2, 128, 4)), 350, 250, 0.2, 16, 12, 4, 16, 3e-3, 32, 32, 64, DEFAULT_SEED);
    }

    /** The demo: three tiny sizes on the first 40 embedded fortunes, 20 epochs, 3 checkpoints; about a minute. */
    public static ReproductionConfig demo() {
        return new ReproductionConfig(Regime.REPEATED_EPOCHS, List.of(new ModelSize("xs", 1, 16, 2), new ModelSize("s", 1, 32, 2),
                new ModelSize("m", 2, 64, 4)), 350, 40, 0.3, 8, 20, 3, 16, 1e-2, 32, 32, 64, DEFAULT_SEED);
    }

    /**
     * The paper's regime on given rows: one pass, batches of 32 rows, a 3e-3 peak rate; the default sizes grow fourfold in
     * width from 32 to 128 (embeddings, untied as in GPT-NeoX, hold most of their parameters).
     */
    public static ReproductionConfig onePass() {
        return new ReproductionConfig(Regime.ONE_PASS, List.of(new ModelSize("xs", 2, 32, 2), new ModelSize("s", 2, 64, 4),
                new ModelSize("m", 4, 128, 4)), 0, 0, 0, 1, 1, 7, 32, 3e-3, 32, 32, 256, DEFAULT_SEED);
    }
}
