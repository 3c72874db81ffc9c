package io.timelapse.plugin.memorization.scoring;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.lm.Generation;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.plugin.memorization.table.ScoringMode;

/** Match counts of a batch of token windows under one model. */
public final class MemorizationScorer {

    private final LanguageModel model;
    private final ScoringSetup setup;

    public MemorizationScorer(LanguageModel model, ScoringSetup setup) {
        int window = setup.windowLength();
        if (window > model.config().maxPositions()) {
            throw new IllegalArgumentException("prefix + continuation = " + window + " tokens exceed the model's "
                    + model.config().maxPositions() + " positions");
        }
        this.model = model;
        this.setup = setup;
    }

    public ScoringSetup setup() {
        return setup;
    }

    /**
     * Scores {@code rows} windows laid out row-major in {@code windows} ({@code rows × (prefix +
     * continuation)} token ids) into {@code matches[0..rows)}.
     */
    public void score(int[] windows, int rows, byte[] matches) {
        int window = setup.windowLength();
        int prefix = setup.prefixLength();
        int continuation = setup.continuationLength();
        if (setup.mode() == ScoringMode.EXACT_MATCH) {
            int[] tokens = java.util.Arrays.copyOf(windows, rows * window);
            try (HostTensor batch = HostTensor.of(tokens, rows, window)) {
                boolean[] exact = model.exactMatch(batch, prefix, setup.bannedTokens());
                for (int r = 0; r < rows; r++) {
                    matches[r] = (byte) (exact[r] ? continuation : 0);
                }
            }
            return;
        }
        int[] prefixes = new int[rows * prefix];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(windows, r * window, prefixes, r * prefix, prefix);
        }
        try (HostTensor batch = HostTensor.of(prefixes, rows, prefix);
             HostTensor generated = model.generate(batch, Generation.greedy(continuation, setup.bannedTokens()))) {
            for (int r = 0; r < rows; r++) {
                int count = 0;
                for (int j = 0; j < continuation; j++) {
                    if (generated.getLong((long) r * continuation + j) == windows[r * window + prefix + j]) {
                        count++;
                    }
                }
                matches[r] = (byte) count;
            }
        }
    }
}
