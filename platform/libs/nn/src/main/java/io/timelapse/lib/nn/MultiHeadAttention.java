package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Scaled dot-product self-attention over {@code [batch, time, hidden]} inputs with several heads,
 * optional rotary position embeddings, causal and padding masks, and a key/value cache for
 * incremental decoding, either growing ({@link #apply(Tensor, AttentionMask, Tensor, KeyValues)})
 * or of a fixed size with one slot written per step ({@link #step}). Scores are scaled by
 * 1/√headDim. Of batch and time, at most one may be unknown when the graph is built.
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
        return apply(x, mask, positions, past, Linear::apply);
    }

    /**
     * As {@link #apply(Tensor, AttentionMask, Tensor, KeyValues)}, with the projection layers applied
     * by {@code projection} (see {@link #step}).
     *
     * @since 1.1
     */
    public Result apply(Tensor x, AttentionMask mask, Tensor positions, KeyValues past, BiFunction<Linear, Tensor, Tensor> projection) {
        Ops ops = ops();
        Shape shape = x.shape();
        if (shape.hasUnknownRank() || shape.rank() != 3 || shape.dim(2) != config.hiddenSize()) {
            throw new IllegalArgumentException(name() + ": expected input [batch, time, " + config.hiddenSize() + "], got " + shape);
        }
        List<Tensor> qkv = headsOf(x, projection);
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
        return new Result(projection.apply(out, merged), new KeyValues(k, v));
    }

    /**
     * One decoding step of {@code x [B, 1, hidden]} at position {@code position} (I32 scalar) against a
     * cache in two parts of fixed size: {@code prefix [B, H, P, D]}, the keys and values of positions
     * {@code 0..P−1}, only read, and {@code window [B, H, C, D]}, whose slot {@code i} is position
     * {@code P+i}. This step's key and value are written into slot {@code position−P} of the window
     * and the query attends to positions {@code 0..position}; later slots may hold anything finite.
     * Nothing is concatenated or grown, and only the window is rewritten.
     *
     * @param projection applies a projection layer to its input: {@link Linear#apply}, or the same
     *     product with another layout of the weight (a transposed copy suits few-row products)
     * @return the output {@code [B, 1, hidden]} and the window with this step's slot written
     * @since 1.1
     */
    public Result step(Tensor x, Tensor position, KeyValues prefix, KeyValues window, BiFunction<Linear, Tensor, Tensor> projection) {
        Ops ops = ops();
        Shape shape = x.shape();
        if (shape.hasUnknownRank() || shape.rank() != 3 || shape.dim(1) != 1 || shape.dim(2) != config.hiddenSize()) {
            throw new IllegalArgumentException(name() + ": a decoding step expects input [batch, 1, " + config.hiddenSize() + "], got " + shape);
        }
        long prefixLength = prefix.keys().shape().dim(2);
        long capacity = window.keys().shape().dim(2);
        List<Tensor> qkv = headsOf(x, projection);
        Tensor q = qkv.get(0);
        Tensor k = qkv.get(1);
        if (rotary != null) {
            RotaryEmbedding.Angles angles = rotary.angles(ops, ops.reshape(position, 1), x.dtype());
            q = rotary.apply(ops, q, angles);
            k = rotary.apply(ops, k, angles);
        }
        Tensor slots = ops.range(prefixLength, prefixLength + capacity, 1, DType.I32);
        Tensor slot = ops.reshape(ops.equal(slots, position), 1, 1, capacity, 1);
        Tensor keys = ops.where(slot, k, window.keys());
        Tensor values = ops.where(slot, qkv.get(2), window.values());
        Tensor scale = ops.scalar(1 / Math.sqrt(config.headDim()), x.dtype());
        Tensor scores = ops.mul(ops.concat(3, List.of(ops.matmul(q, prefix.keys(), false, true), ops.matmul(q, keys, false, true))), scale);
        long keyCount = prefixLength + capacity;
        Tensor visible = ops.reshape(ops.lessEqual(ops.range(0, keyCount, 1, DType.I32), position), 1, 1, 1, keyCount);
        List<Tensor> probabilities = ops.split(ops.maskedSoftmax(scores, visible, -1), 3, prefixLength, capacity);
        Tensor context = ops.add(ops.matmul(probabilities.get(0), prefix.values(), false, false),
                ops.matmul(probabilities.get(1), values, false, false));
        Tensor merged = ops.reshape(ops.transpose(context, 0, 2, 1, 3), Shapes.leadingThen(shape, 2, name(), config.hiddenSize()));
        return new Result(projection.apply(out, merged), new KeyValues(keys, values));
    }

    /** Queries, keys and values {@code [B, H, T, D]}. */
    private List<Tensor> headsOf(Tensor x, BiFunction<Linear, Tensor, Tensor> projection) {
        Ops ops = ops();
        Shape shape = x.shape();
        long heads = config.numHeads();
        long headDim = config.headDim();
        long hidden = config.hiddenSize();
        List<Tensor> parts;
        if (fused != null) {
            Tensor qkv = projection.apply(fused, x);
            if (((AttentionProjections.Fused) config.projections()).perHeadInterleaved()) {
                Tensor perHead = ops.reshape(qkv, Shapes.leadingThen(shape, 2, name(), heads, 3 * headDim));
                parts = ops.split(perHead, -1, headDim, headDim, headDim);
            } else {
                parts = ops.split(qkv, -1, hidden, hidden, hidden).stream()
                        .map(part -> ops.reshape(part, Shapes.leadingThen(shape, 2, name(), heads, headDim))).toList();
            }
        } else {
            parts = List.of(projection.apply(query, x), projection.apply(key, x), projection.apply(value, x)).stream()
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
