package io.timelapse.plugin.memorization.table;

import java.util.Map;
import java.util.TreeMap;

/**
 * The model a table was scored with: where it came from, which checkpoint, its size and training
 * compute, and the sha256 of every weight file, so tables of different weights never merge.
 *
 * @param step training step of the checkpoint, or {@code null} when unknown
 * @param parameters parameter count, or {@code null} when unknown
 * @param trainedTokens tokens the checkpoint was trained on, or {@code null} when unknown
 */
public record ModelIdentity(String name, String path, Long step, Long parameters, Long trainedTokens, Map<String, String> weightSha256) {

    public ModelIdentity {
        weightSha256 = Map.copyOf(new TreeMap<>(weightSha256));
    }

    /** Training compute in FLOPs, 6 · parameters · tokens, or {@code NaN} when either is unknown. */
    public double trainingFlops() {
        return parameters == null || trainedTokens == null ? Double.NaN : 6.0 * parameters * trainedTokens;
    }
}
