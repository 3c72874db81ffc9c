package io.timelapse.plugin.memorization.table;

import io.timelapse.api.shard.Shard;
import io.timelapse.plugin.memorization.selection.RowSelection;
import java.util.List;
import java.util.Map;

/** Headers and tables for tests. */
public final class Tables {

    private Tables() {}

    public static TableHeader header(String model, Long step, RowSelection selection, Shard shard) {
        return header(model, step, selection, shard, new TrainingSettings(4, 16, "test"));
    }

    /** A header whose model was trained with {@code training}: a step trains {@code batch × sequence length} tokens. */
    public static TableHeader header(String model, Long step, RowSelection selection, Shard shard, TrainingSettings training) {
        ModelIdentity identity = new ModelIdentity(model, "/models/" + model, step, 1000L, training, Map.of("model.safetensors", "ab".repeat(32)));
        return new TableHeader(32, 32, ScoringMode.GREEDY, List.of(0), identity, new DataIdentity("/data/rows", "npy", 64),
                selection.describe(), selection.size(), shard);
    }

    public static ScoreTable table(String model, Long step, RowSelection selection, int... matches) {
        byte[] bytes = new byte[matches.length];
        for (int i = 0; i < matches.length; i++) {
            bytes[i] = (byte) matches[i];
        }
        return new ScoreTable(header(model, step, selection, Shard.WHOLE), selection, bytes);
    }
}
