package io.timelapse.api.lm;

/**
 * The architecture of a GPT-NeoX model, as Hugging Face's {@code config.json} describes it.
 *
 * @param numLayers {@code num_hidden_layers}
 * @param hiddenSize {@code hidden_size}
 * @param numHeads {@code num_attention_heads}
 * @param intermediateSize {@code intermediate_size}
 * @param vocabSize {@code vocab_size}
 * @param maxPositions {@code max_position_embeddings}
 * @param rotaryPct {@code rotary_pct} or {@code partial_rotary_factor}
 * @param rotaryBase {@code rotary_emb_base} or {@code rope_theta}
 * @param parallelResidual {@code use_parallel_residual}
 * @param layerNormEps {@code layer_norm_eps}
 * @param tieWordEmbeddings {@code tie_word_embeddings}
 * @param eosTokenId {@code eos_token_id}
 */
public record LmConfig(int numLayers, int hiddenSize, int numHeads, int intermediateSize, int vocabSize, int maxPositions,
                       double rotaryPct, double rotaryBase, boolean parallelResidual, double layerNormEps,
                       boolean tieWordEmbeddings, int eosTokenId) {

    public LmConfig {
        if (numLayers <= 0 || hiddenSize <= 0 || numHeads <= 0 || intermediateSize <= 0 || vocabSize <= 0 || maxPositions <= 0) {
            throw new IllegalArgumentException("layers, sizes, heads, vocabulary and positions must be positive: " + describe(numLayers,
                    hiddenSize, numHeads, intermediateSize, vocabSize, maxPositions));
        }
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numHeads);
        }
        if (rotaryPct < 0 || rotaryPct > 1) {
            throw new IllegalArgumentException("rotary_pct must be in [0, 1], got " + rotaryPct);
        }
    }

    /** Pythia's shape for the given sizes: rotary 0.25, base 10000, parallel residual, eps 1e-5, untied, EOD 0. */
    public static LmConfig pythia(int numLayers, int hiddenSize, int numHeads, int vocabSize, int maxPositions) {
        return new LmConfig(numLayers, hiddenSize, numHeads, 4 * hiddenSize, vocabSize, maxPositions, 0.25, 10000, true, 1e-5, false, 0);
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Parameters, embeddings and unembedding included. */
    public long parameterCount() {
        long c = hiddenSize;
        long perLayer = 4 * c + (3 * c * c + 3 * c) + (c * c + c) + 2 * c * intermediateSize + intermediateSize + c;
        long unembed = tieWordEmbeddings ? 0 : (long) vocabSize * c;
        return numLayers * perLayer + (long) vocabSize * c + 2 * c + unembed;
    }

    private static String describe(long... values) {
        return java.util.Arrays.toString(values);
    }
}
