package io.timelapse.plugin.dsb.ngram;

import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;

/**
 * Converts nats per token to bits per byte: {@code bits/byte = nats/token / (ln 2 · bytes/token)}. The paper uses the
 * Pile's coefficient 0.3650388; for other text the bytes per token are measured by decoding the counted tokens.
 */
public record BitsPerByte(double coefficient, String source) {

    /** The paper's nats/token → bits/byte factor for the Pile with the GPT-NeoX-20B tokenizer. */
    public static final double PILE = 0.3650388;

    public static BitsPerByte pile() {
        return new BitsPerByte(PILE, "the Pile's coefficient " + PILE + " (the paper's)");
    }

    public static BitsPerByte ofBytesPerToken(double bytesPerToken, String source) {
        return new BitsPerByte(1 / (Math.log(2) * bytesPerToken), source);
    }

    /**
     * The mean bytes of text per counted token under a byte-level BPE tokenizer: each ordinary token's string has one
     * character per byte it stands for (GPT-NeoX's added tokens are runs of ASCII spaces, also one per byte), and the
     * special tokens stand for none.
     *
     * @throws IllegalArgumentException when a counted token is not an id of the tokenizer
     */
    public static double bytesPerToken(NgramStatistics stats, ByteLevelBpeTokenizer tokenizer) {
        double bytes = 0;
        for (int t = 0; t < stats.vocabulary(); t++) {
            long count = stats.unigramCount(t);
            if (count == 0) {
                continue;
            }
            if (tokenizer.idToToken(t).isEmpty()) {
                throw new IllegalArgumentException("token id " + t + " is not an id of the tokenizer (" + tokenizer.vocabSize() + " ids)");
            }
            bytes += (double) count * (tokenizer.isSpecial(t) ? 0 : tokenizer.idToToken(t).get().length());
        }
        return bytes / stats.total();
    }

    public double bitsPerByte(double natsPerToken) {
        return natsPerToken * coefficient;
    }
}
