package io.timelapse.plugin.memorization.scoring;

import io.timelapse.plugin.memorization.table.ScoringMode;
import java.util.Arrays;

/**
 * How rows are scored: the first {@code prefixLength} tokens prompt the model and the next
 * {@code continuationLength} are compared with what it predicts; {@code bannedTokens} are never
 * predicted ({@code {0}} reproduces the paper's script, whose {@code min_length} bans EOD).
 */
public record ScoringSetup(int prefixLength, int continuationLength, ScoringMode mode, int[] bannedTokens) {

    public ScoringSetup {
        if (prefixLength < 1 || continuationLength < 1 || continuationLength > 255) {
            throw new IllegalArgumentException("--prefix must be ≥ 1 and --continuation in [1, 255], got " + prefixLength + " and "
                    + continuationLength);
        }
        bannedTokens = Arrays.stream(bannedTokens).distinct().sorted().toArray();
    }

    /** The paper's set-up: 32 + 32 tokens, greedy, EOD banned. */
    public static ScoringSetup paper() {
        return new ScoringSetup(32, 32, ScoringMode.GREEDY, new int[] {0});
    }

    public int windowLength() {
        return prefixLength + continuationLength;
    }

    @Override
    public int[] bannedTokens() {
        return bannedTokens.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoringSetup s && s.prefixLength == prefixLength && s.continuationLength == continuationLength
                && s.mode == mode && Arrays.equals(s.bannedTokens, bannedTokens);
    }

    @Override
    public int hashCode() {
        return (prefixLength * 31 + continuationLength) * 31 + mode.hashCode() * 17 + Arrays.hashCode(bannedTokens);
    }

    @Override
    public String toString() {
        return "ScoringSetup[prefix=" + prefixLength + ", continuation=" + continuationLength + ", mode=" + mode.id() + ", banned="
                + Arrays.toString(bannedTokens) + "]";
    }
}
