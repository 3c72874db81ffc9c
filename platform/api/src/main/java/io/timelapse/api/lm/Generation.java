package io.timelapse.api.lm;

import java.util.Arrays;

/**
 * Greedy decoding settings.
 *
 * @param newTokens tokens to generate after each prefix
 * @param bannedTokens token ids that are never chosen (the memorization paper's script bans EOD, id 0)
 * @param useCache whether to decode through a key/value cache (true) or recompute every prefix
 */
public record Generation(int newTokens, int[] bannedTokens, boolean useCache) {

    public Generation {
        if (newTokens <= 0) {
            throw new IllegalArgumentException("new tokens must be positive, got " + newTokens);
        }
        bannedTokens = bannedTokens.clone();
    }

    public static Generation greedy(int newTokens, int... bannedTokens) {
        return new Generation(newTokens, bannedTokens, true);
    }

    public Generation withoutCache() {
        return new Generation(newTokens, bannedTokens, false);
    }

    @Override
    public int[] bannedTokens() {
        return bannedTokens.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Generation g && g.newTokens == newTokens && g.useCache == useCache && Arrays.equals(g.bannedTokens, bannedTokens);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bannedTokens) * 31 + newTokens * 2 + (useCache ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Generation[newTokens=" + newTokens + ", bannedTokens=" + Arrays.toString(bannedTokens) + ", useCache=" + useCache + "]";
    }
}
