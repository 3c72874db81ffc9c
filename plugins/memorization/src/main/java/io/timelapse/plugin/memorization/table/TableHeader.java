package io.timelapse.plugin.memorization.table;

import io.timelapse.api.shard.Shard;
import java.util.List;

/**
 * What a score table holds: the scoring set-up, the model and data it was computed on, the row
 * selection and the shard of it. Two tables merge only when everything but the shard index agrees.
 */
public record TableHeader(
        int prefixLength,
        int continuationLength,
        ScoringMode mode,
        List<Integer> bannedTokens,
        ModelIdentity model,
        DataIdentity data,
        String selection,
        long selectionSize,
        Shard shard) {

    public TableHeader {
        if (prefixLength < 1 || continuationLength < 1 || continuationLength > 255) {
            throw new IllegalArgumentException("prefix length must be ≥ 1 and continuation length in [1, 255] (match counts are bytes), got "
                    + prefixLength + " and " + continuationLength);
        }
        bannedTokens = List.copyOf(bannedTokens);
    }

    /** The same header for another shard, or for the whole selection after a merge. */
    public TableHeader withShard(Shard newShard) {
        return new TableHeader(prefixLength, continuationLength, mode, bannedTokens, model, data, selection, selectionSize, newShard);
    }

    /** Says in words how the scores were computed, for run results and reports. */
    public String modeDescription() {
        String window = prefixLength + "-token prefix, " + continuationLength + "-token continuation";
        if (mode == ScoringMode.EXACT_MATCH) {
            return "exact-match shortcut (one teacher-forced forward; binary label only: matches is "
                    + continuationLength + " or 0)" + banned() + ", " + window;
        }
        return "greedy decoding, score = matches / " + continuationLength + banned() + ", " + window;
    }

    private String banned() {
        if (bannedTokens.isEmpty()) {
            return ", no token banned (plain)";
        }
        return ", tokens " + bannedTokens + " banned at every step"
                + (bannedTokens.equals(List.of(0)) ? " (the paper's script: EOD can never be generated)" : "");
    }

    /** {@code null} when {@code other} can be merged with this header, else the first difference. */
    public String mergeConflict(TableHeader other) {
        if (prefixLength != other.prefixLength || continuationLength != other.continuationLength) {
            return "prefix/continuation lengths differ: " + prefixLength + "/" + continuationLength + " vs "
                    + other.prefixLength + "/" + other.continuationLength;
        }
        if (mode != other.mode || !bannedTokens.equals(other.bannedTokens)) {
            return "scoring modes differ: " + modeDescription() + " vs " + other.modeDescription();
        }
        if (!model.equals(other.model)) {
            return "models differ: " + model + " vs " + other.model;
        }
        if (!data.equals(other.data)) {
            return "training data differ: " + data + " vs " + other.data;
        }
        if (!selection.equals(other.selection) || selectionSize != other.selectionSize) {
            return "row selections differ: " + selection + " vs " + other.selection;
        }
        if (shard.count() != other.shard.count()) {
            return "shard counts differ: " + shard + " vs " + other.shard;
        }
        return null;
    }
}
