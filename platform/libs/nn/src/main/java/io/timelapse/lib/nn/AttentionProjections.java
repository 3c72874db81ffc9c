package io.timelapse.lib.nn;

/**
 * How a checkpoint lays out the query, key, value and output projections of attention, with the
 * names of those linear layers.
 */
public sealed interface AttentionProjections {

    /**
     * One linear layer producing queries, keys and values together.
     *
     * @param perHeadInterleaved true when output rows are grouped by head ({@code [q_h, k_h, v_h]}
     *     for each head h, as GPT-NeoX), false for {@code [all q | all k | all v]}
     */
    record Fused(String qkv, String out, boolean perHeadInterleaved) implements AttentionProjections {}

    record Separate(String query, String key, String value, String out) implements AttentionProjections {}

    /** GPT-NeoX / Pythia: {@code query_key_value} (per-head interleaved) and {@code dense}. */
    static AttentionProjections gptNeoX() {
        return new Fused("query_key_value", "dense", true);
    }

    /** Llama, OPT, BART and most Hugging Face models: {@code q_proj}, {@code k_proj}, {@code v_proj}, {@code out_proj}. */
    static AttentionProjections separate() {
        return new Separate("q_proj", "k_proj", "v_proj", "out_proj");
    }

    /** OpenFold: {@code linear_q}, {@code linear_k}, {@code linear_v}, {@code linear_o}. */
    static AttentionProjections openFold() {
        return new Separate("linear_q", "linear_k", "linear_v", "linear_o");
    }
}
