package io.timelapse.platform.lm.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.lib.nn.Activation;
import io.timelapse.lib.nn.AttentionMask;
import io.timelapse.lib.nn.Embedding;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Mlp;
import io.timelapse.lib.nn.Module;
import io.timelapse.lib.nn.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Hugging Face's {@code GPTNeoXForCausalLM} with its parameter names: {@code gpt_neox.embed_in},
 * {@code gpt_neox.layers.<i>.*}, {@code gpt_neox.final_layer_norm}, {@code embed_out}. The forward
 * pass can be applied many times in one graph (for different batch sizes or with a cache); every
 * application shares the variables.
 */
final class GptNeoX extends Module {

    private final LmConfig config;
    private final Embedding embed;
    private final List<Block> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear embedOut;

    /** The residual streams and the keys/values of one application. */
    record Forward(Tensor hidden, List<Tensor> residuals, List<MultiHeadAttention.KeyValues> presents) {}

    GptNeoX(Ops root, LmConfig config, DType dtype) {
        super(root);
        this.config = config;
        Ops neox = root.scope("gpt_neox");
        embed = child(new Embedding(neox.scope("embed_in"), config.vocabSize(), config.hiddenSize(), dtype));
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(child(new Block(neox.scope("layers").scope(Integer.toString(i)), config, dtype)));
        }
        finalNorm = child(new LayerNorm(neox.scope("final_layer_norm"), config.hiddenSize(), config.layerNormEps(), dtype));
        embedOut = config.tieWordEmbeddings() ? null
                : child(new Linear(root.scope("embed_out"), config.hiddenSize(), config.vocabSize(), false, dtype));
    }

    LmConfig config() {
        return config;
    }

    /**
     * The forward pass of {@code ids [B, T]} after the cached {@code past} keys/values of every layer
     * (null for none); the final hidden state is after the final layer norm.
     */
    Forward apply(Tensor ids, List<MultiHeadAttention.KeyValues> past) {
        return apply(ids, past, AttentionMask.causalOnly(), null);
    }

    /**
     * The forward pass with an explicit attention mask and rotary positions ({@code [T]}; null for
     * past + 0..T−1), for decoding against a fixed-size cache whose unused slots the mask hides.
     */
    Forward apply(Tensor ids, List<MultiHeadAttention.KeyValues> past, AttentionMask mask, Tensor positions) {
        return apply(ids, past, mask, positions, null);
    }

    /** The forward pass without a cache, with the blocks' projections applied by {@code projection}. */
    Forward applyWith(Tensor ids, BiFunction<Linear, Tensor, Tensor> projection) {
        return apply(ids, null, AttentionMask.causalOnly(), null, projection);
    }

    /** @param projection applies each projection layer of the blocks; null for the layers' own {@link Linear#apply} */
    private Forward apply(Tensor ids, List<MultiHeadAttention.KeyValues> past, AttentionMask mask, Tensor positions,
                          BiFunction<Linear, Tensor, Tensor> projection) {
        return throughLayers(ids, (i, x) -> layers.get(i).apply(x, past == null ? null : past.get(i), mask, positions, projection));
    }

    /**
     * One decoding step of {@code ids [B, 1]} at {@code position} (I32 scalar) against each layer's
     * prefix keys/values and window, see {@link MultiHeadAttention#step}; the presents are the windows
     * with this step's slot written.
     *
     * @param projection applies each projection layer of the blocks
     */
    Forward step(Tensor ids, Tensor position, List<MultiHeadAttention.KeyValues> prefix, List<MultiHeadAttention.KeyValues> window,
                 BiFunction<Linear, Tensor, Tensor> projection) {
        return throughLayers(ids, (i, x) -> layers.get(i).step(x, position, prefix.get(i), window.get(i), projection));
    }

    /** Embeds {@code ids}, passes them through every block with {@code block} (its index and input), then the final norm. */
    private Forward throughLayers(Tensor ids, BiFunction<Integer, Tensor, MultiHeadAttention.Result> block) {
        Tensor x = embed.apply(ids);
        List<Tensor> residuals = new ArrayList<>();
        residuals.add(x);
        List<MultiHeadAttention.KeyValues> presents = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            MultiHeadAttention.Result result = block.apply(i, x);
            x = result.output();
            residuals.add(x);
            presents.add(result.present());
        }
        return new Forward(finalNorm.apply(x), residuals, presents);
    }

    /** The linear layers of the transformer blocks (attention and MLP projections), without the unembedding. */
    List<Linear> projections() {
        List<Linear> all = new ArrayList<>();
        for (Block block : layers) {
            collectLinears(block, all);
        }
        return all;
    }

    private static void collectLinears(Module module, List<Linear> into) {
        if (module instanceof Linear linear) {
            into.add(linear);
        }
        for (Module child : module.children()) {
            collectLinears(child, into);
        }
    }

    /** Logits {@code [..., vocab]} of final hidden states {@code [..., hidden]}. */
    Tensor unembed(Tensor hidden) {
        if (embedOut != null) {
            return embedOut.apply(hidden);
        }
        Ops ops = ops();
        long[] shape = hidden.shape().dims();
        shape[shape.length - 1] = config.vocabSize();
        Tensor flat = ops.reshape(hidden, -1, config.hiddenSize());
        return ops.reshape(ops.matmul(flat, embed.weight(), false, true), shape);
    }

    /** The unembedding matrix {@code [vocab, hidden]}: {@code embed_out.weight}, or {@code embed_in.weight} when tied. */
    Tensor unembedding() {
        return embedOut != null ? embedOut.weight() : embed.weight();
    }

    /**
     * The logit of token {@code ids[...]} at each position of {@code hidden [..., hidden]}: the dot
     * product with that token's unembedding row, without the full logits.
     */
    Tensor logitOf(Tensor hidden, Tensor ids) {
        Ops ops = ops();
        Tensor rows = ops.gather(embedOut != null ? embedOut.weight() : embed.weight(), ids, 0);
        return ops.sum(ops.mul(hidden, rows), false, -1);
    }

    /** One transformer layer: parallel ({@code x + attn(LN1(x)) + mlp(LN2(x))}) or sequential residual. */
    private static final class Block extends Module {
        private static final Activation ACTIVATION = Activation.GELU;
        private final LayerNorm inputNorm;
        private final LayerNorm postAttentionNorm;
        private final MultiHeadAttention attention;
        private final Mlp mlp;
        private final boolean parallel;

        Block(Ops ops, LmConfig config, DType dtype) {
            super(ops);
            inputNorm = child(new LayerNorm(ops.scope("input_layernorm"), config.hiddenSize(), config.layerNormEps(), dtype));
            postAttentionNorm = child(new LayerNorm(ops.scope("post_attention_layernorm"), config.hiddenSize(), config.layerNormEps(), dtype));
            attention = child(new MultiHeadAttention(ops.scope("attention"),
                    MultiHeadAttention.Config.gptNeoX(config.hiddenSize(), config.numHeads(), config.rotaryPct(), config.rotaryBase()), dtype));
            mlp = child(Mlp.gptNeoX(ops.scope("mlp"), config.hiddenSize(), config.intermediateSize(), ACTIVATION, dtype));
            parallel = config.parallelResidual();
        }

        MultiHeadAttention.Result apply(Tensor x, MultiHeadAttention.KeyValues past, AttentionMask mask, Tensor positions,
                                        BiFunction<Linear, Tensor, Tensor> projection) {
            if (projection == null) {
                return withMlp(x, attention.apply(inputNorm.apply(x), mask, positions, past), mlp::apply);
            }
            return withMlp(x, attention.apply(inputNorm.apply(x), mask, positions, past, projection), feedForward(projection));
        }

        MultiHeadAttention.Result step(Tensor x, Tensor position, MultiHeadAttention.KeyValues prefix, MultiHeadAttention.KeyValues window,
                                       BiFunction<Linear, Tensor, Tensor> projection) {
            return withMlp(x, attention.step(inputNorm.apply(x), position, prefix, window, projection), feedForward(projection));
        }

        private UnaryOperator<Tensor> feedForward(BiFunction<Linear, Tensor, Tensor> projection) {
            return h -> projection.apply(mlp.out(), ACTIVATION.apply(ops(), projection.apply(mlp.in(), h)));
        }

        /** The block's output from its input and attention: both residual branches added. */
        private MultiHeadAttention.Result withMlp(Tensor x, MultiHeadAttention.Result attended, UnaryOperator<Tensor> feedForward) {
            Ops ops = ops();
            Tensor y;
            if (parallel) {
                y = ops.add(ops.add(x, attended.output()), feedForward.apply(postAttentionNorm.apply(x)));
            } else {
                Tensor afterAttention = ops.add(x, attended.output());
                y = ops.add(afterAttention, feedForward.apply(postAttentionNorm.apply(afterAttention)));
            }
            return new MultiHeadAttention.Result(y, attended.present());
        }
    }
}
