package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.List;

/**
 * Scaled dot-product self-attention over {@code [batch, time, hidden]} inputs with several heads,
 * optional rotary position embeddings, causal and padding masks, and a key/value cache for
 * incremental decoding. Scores are scaled by 1/√headDim. Of batch and time, at most one may be
 * unknown when the graph is built.
 */
public final class MultiHeadAttention extends Module {

    /**
     * @param hiddenSize model width, numHeads · headDim
     * @param numHeads attention heads
     * @param projections layout and names of the projection layers
     * @param bias whether the projections have biases
     * @param rotaryFraction fraction of each head's features that get rotary embeddings (0 for none)
     * @param rotaryBase the rotary base, 10000 in GPT-NeoX
     */
    public record Config(long hiddenSize, int numHeads, AttentionProjections projections, boolean bias,
                         double rotaryFraction, double rotaryBase) {

        public Config {
            if (numHeads <= 0 || hiddenSize % numHeads != 0) {
                throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of " + numHeads + " heads");
            }
            if (rotaryFraction < 0 || rotaryFraction > 1) {
                throw new IllegalArgumentException("rotary fraction must be in [0, 1], got " + rotaryFraction);
            }
        }

        /** Separate {@code q_proj/k_proj/v_proj/out_proj} with biases, no rotary embeddings. */
        public static Config of(long hiddenSize, int numHeads) {
            return new Config(hiddenSize, numHeads, AttentionProjections.separate(), true, 0, 10000);
        }

        /** GPT-NeoX attention: fused per-head QKV with biases and partial rotary embeddings. */
        public static Config gptNeoX(long hiddenSize, int numHeads, double rotaryPct, double rotaryBase) {
            return new Config(hiddenSize, numHeads, AttentionProjections.gptNeoX(), true, rotaryPct, rotaryBase);
        }

        public long headDim() {
            return hiddenSize / numHeads;
        }
    }

    /** Keys and values {@code [batch, heads, positions, headDim]}, keys after rotary embedding. */
    public record KeyValues(Tensor keys, Tensor values) {}

    /** The attention output {@code [batch, time, hidden]} and the cache including this call's keys and values. */
    public record Result(Tensor output, KeyValues present) {}

    private final Config config;
    private final Linear fused;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear out;
    private final RotaryEmbedding rotary;

    public MultiHeadAttention(Ops ops, Config config, DType dtype) {
        super(ops);
        this.config = config;
        long hidden = config.hiddenSize();
        if (config.projections() instanceof AttentionProjections.Fused names) {
            fused = child(new Linear(ops.scope(names.qkv()), hidden, 3 * hidden, config.bias(), dtype));
            query = key = value = null;
            out = child(new Linear(ops.scope(names.out()), hidden, hidden, config.bias(), dtype));
        } else {
            AttentionProjections.Separate names = (AttentionProjections.Separate) config.projections();
            fused = null;
            query = child(new Linear(ops.scope(names.query()), hidden, hidden, config.bias(), dtype));
            key = child(new Linear(ops.scope(names.key()), hidden, hidden, config.bias(), dtype));
            value = child(new Linear(ops.scope(names.value()), hidden, hidden, config.bias(), dtype));
            out = child(new Linear(ops.scope(names.out()), hidden, hidden, config.bias(), dtype));
        }
        int rotaryDims = RotaryEmbedding.dims(config.headDim(), config.rotaryFraction());
        this.rotary = rotaryDims > 0 ? new RotaryEmbedding(rotaryDims, config.rotaryBase()) : null;
    }

    public Config config() {
        return config;
    }

    /** Attention of {@code x} at positions 0..T−1 without a cache. */
    public Tensor apply(Tensor x, AttentionMask mask) {
        return apply(x, mask, null, null).output();
    }

    /**
     * Attention of {@code x} after the cached {@code past} (null for none).
     *
     * @param positions integer rotary positions {@code [T]} or {@code [B, T]}; null for past + 0..T−1
     */
    public Result apply(Tensor x, AttentionMask mask, Tensor positions, KeyValues past) {
        Ops ops = ops();
        Shape shape = x.shape();
        if (shape.hasUnknownRank() || shape.rank() != 3 || shape.dim(2) != config.hiddenSize()) {
            throw new IllegalArgumentException(name() + ": expected input [batch, time, " + config.hiddenSize() + "], got " + shape);
        }
        List<Tensor> qkv = headsOf(x);
        Tensor q = qkv.get(0);
        Tensor k = qkv.get(1);
        Tensor v = qkv.get(2);
        Tensor pastLength = past == null ? ops.scalar(0, DType.I64) : ops.reshape(ops.slice(ops.shapeOf(past.keys()), new long[] {2}, new long[] {1}));
        Tensor queryIndex = ops.add(SequenceIndex.of(ops, x, 1), pastLength);
        if (rotary != null) {
            RotaryEmbedding.Angles angles = rotary.angles(ops, positions == null ? queryIndex : positions, x.dtype());
            q = rotary.apply(ops, q, angles);
            k = rotary.apply(ops, k, angles);
        }
        if (past != null) {
            k = ops.concat(2, List.of(past.keys(), k));
            v = ops.concat(2, List.of(past.values(), v));
        }
        Tensor scores = ops.mul(ops.matmul(q, k, false, true), ops.scalar(1 / Math.sqrt(config.headDim()), x.dtype()));
        Tensor allowed = allowed(mask, queryIndex, k);
        Tensor probabilities = allowed == null ? ops.softmax(scores, -1) : ops.maskedSoftmax(scores, allowed, -1);
        Tensor context = ops.transpose(ops.matmul(probabilities, v, false, false), 0, 2, 1, 3);
        Tensor merged = ops.reshape(context, Shapes.leadingThen(shape, 2, name(), config.hiddenSize()));
        return new Result(out.apply(merged), new KeyValues(k, v));
    }

    /** Queries, keys and values {@code [B, H, T, D]}. */
    private List<Tensor> headsOf(Tensor x) {
        Ops ops = ops();
        Shape shape = x.shape();
        long heads = config.numHeads();
        long headDim = config.headDim();
        long hidden = config.hiddenSize();
        List<Tensor> parts;
        if (fused != null) {
            Tensor qkv = fused.apply(x);
            if (((AttentionProjections.Fused) config.projections()).perHeadInterleaved()) {
                Tensor perHead = ops.reshape(qkv, Shapes.leadingThen(shape, 2, name(), heads, 3 * headDim));
                parts = ops.split(perHead, -1, headDim, headDim, headDim);
            } else {
                parts = ops.split(qkv, -1, hidden, hidden, hidden).stream()
                        .map(part -> ops.reshape(part, Shapes.leadingThen(shape, 2, name(), heads, headDim))).toList();
            }
        } else {
            parts = List.of(query.apply(x), key.apply(x), value.apply(x)).stream()
                    .map(part -> ops.reshape(part, Shapes.leadingThen(shape, 2, name(), heads, headDim))).toList();
        }
        return parts.stream().map(part -> ops.transpose(part, 0, 2, 1, 3)).toList();
    }

    /** BOOL broadcastable to {@code [B, H, T, S]}, or null when every key is visible. */
    private Tensor allowed(AttentionMask mask, Tensor queryIndex, Tensor keys) {
        Ops ops = ops();
        Tensor allowed = null;
        if (mask.causal()) {
            Tensor keyIndex = SequenceIndex.of(ops, keys, 2);
            allowed = ops.lessEqual(ops.expandDims(keyIndex, 0), ops.expandDims(queryIndex, 1));
        }
        if (mask.keyPadding() != null) {
            Tensor padding = ops.expandDims(ops.expandDims(ops.cast(mask.keyPadding(), DType.BOOL), 1), 1);
            allowed = allowed == null ? padding : ops.logicalAnd(allowed, padding);
        }
        return allowed;
    }
}
