package io.timelapse.plugin.memorization.table;

import java.util.Map;
import java.util.TreeMap;

/**
 * The model a table was scored with: where it came from, which checkpoint, its size and how it was
 * trained, and the sha256 of every weight file, so tables of different weights never merge.
 *
 * @param step training step of the checkpoint, or {@code null} when unknown
 * @param parameters parameter count, or {@code null} when unknown
 * @param training batch size and sequence length of its training, or {@code null} when unknown
 */
public record ModelIdentity(String name, String path, Long step, Long parameters, TrainingSettings training,
                            Map<String, String> weightSha256) {

    public ModelIdentity {
        weightSha256 = Map.copyOf(new TreeMap<>(weightSha256));
    }

    /** Tokens the checkpoint was trained on, step · batch · sequence length, or {@code null} when unknown. */
    public Long trainedTokens() {
        return step == null || training == null ? null : training.tokens(step);
    }

    /** Training compute in FLOPs, 6 · parameters · tokens, or {@code NaN} when either is unknown. */
    public double trainingFlops() {
        Long tokens = trainedTokens();
        return parameters == null || tokens == null ? Double.NaN : 6.0 * parameters * tokens;
    }
}
