package io.timelapse.platform.lm.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Greedy decoding of {@code batch} prefixes of {@code prefixLength} tokens by {@code newTokens}
 * tokens with the key/value cache kept in the session, per layer in two variables of keys and of
 * values: the prefix's {@code [B, H, prefix, D]}, written by the prefill, and a window
 * {@code [B, H, new − 1, D]} for the generated tokens; each step writes its own keys and values into
 * its window slot and attends to the positions up to it ({@link MultiHeadAttention#step}), and
 * returns only the next token ids, so nothing but token ids crosses to the host. The
 * projections use transposed weights, which suit the few rows of the steps and the prefill.
 */
final class CachedDecoder {

    private final int batch;
    private final int prefixLength;
    private final int newTokens;
    private final Tensor prefillIds;
    private final Tensor prefillNext;
    private final Operation prefillStore;
    private final Tensor stepIds;
    private final Tensor position;
    private final Tensor stepNext;
    private final Operation stepStore;
    private final Tensor banMask;
    private final Tensor unembedT;

    /**
     * @param unembedT the unembedding {@code [hidden, vocab]}, see {@link NeoXLanguageModel}
     * @param projections the blocks' projections for the prefill and the steps, see {@link TransposedProjections}
     */
    CachedDecoder(Ops root, GptNeoX model, Tensor unembedT, BiFunction<Linear, Tensor, Tensor> projections, DType dtype, int batch,
                  int prefixLength, int newTokens) {
        this.batch = batch;
        this.prefixLength = prefixLength;
        this.newTokens = newTokens;
        var config = model.config();
        Ops ops = root.scope("decode_" + batch + "x" + prefixLength + "_" + newTokens);
        banMask = ops.placeholder("ban_mask", DType.F32, Shape.of(config.vocabSize()));
        this.unembedT = unembedT;
        List<MultiHeadAttention.KeyValues> prefix = cache(ops, "prefix", config, dtype, prefixLength);
        List<MultiHeadAttention.KeyValues> window = cache(ops, "window", config, dtype, newTokens - 1);

        prefillIds = ops.placeholder("prefill_ids", DType.I32, Shape.of(batch, prefixLength));
        GptNeoX.Forward prefill = model.applyWith(prefillIds, projections);
        Tensor last = ops.slice(prefill.hidden(), new long[] {0, prefixLength - 1, 0}, new long[] {batch, 1, config.hiddenSize()});
        prefillNext = argmax(ops, unembed(ops, last));
        List<Operation> prefillWrites = writes(ops, prefix, prefill.presents());
        // The window's variables exist only once written; its slots are masked until a step fills them.
        for (MultiHeadAttention.KeyValues slots : window) {
            prefillWrites.add(ops.assign((Variable) slots.keys(), ops.zeros(slots.keys().shape(), dtype)));
            prefillWrites.add(ops.assign((Variable) slots.values(), ops.zeros(slots.values().shape(), dtype)));
        }
        prefillStore = ops.group(prefillWrites);

        stepIds = ops.placeholder("step_ids", DType.I32, Shape.of(batch, 1));
        position = ops.placeholder("position", DType.I32, Shape.scalar());
        GptNeoX.Forward step = model.step(stepIds, position, prefix, window, projections);
        stepNext = argmax(ops, unembed(ops, step.hidden()));
        stepStore = ops.group(writes(ops, window, step.presents()));
    }

    /** Per layer, key and value variables {@code [B, H, length, D]}. */
    private List<MultiHeadAttention.KeyValues> cache(Ops ops, String name, LmConfig config, DType dtype, int length) {
        Shape shape = Shape.of(batch, config.numHeads(), length, config.headDim());
        List<MultiHeadAttention.KeyValues> cache = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            cache.add(new MultiHeadAttention.KeyValues(ops.stateVariable(name + "_keys_" + i, dtype, shape, Initializer.zeros()),
                    ops.stateVariable(name + "_values_" + i, dtype, shape, Initializer.zeros())));
        }
        return cache;
    }

    private static List<Operation> writes(Ops ops, List<MultiHeadAttention.KeyValues> cache, List<MultiHeadAttention.KeyValues> values) {
        List<Operation> writes = new ArrayList<>();
        for (int i = 0; i < cache.size(); i++) {
            writes.add(ops.assign((Variable) cache.get(i).keys(), values.get(i).keys()));
            writes.add(ops.assign((Variable) cache.get(i).values(), values.get(i).values()));
        }
        return writes;
    }

    /** Fills {@code generated} ({@code [batch, newTokens]}, row-major) with the greedy continuations of {@code ids}. */
    void decode(Session session, HostTensor ids, HostTensor mask, int[] generated) {
        HostTensor next;
        try (Outputs out = session.run(Map.of(prefillIds, ids, banMask, mask), List.of(prefillNext), List.of(prefillStore))) {
            next = out.get(0).copy();
        }
        for (int t = 0; ; t++) {
            for (int b = 0; b < batch; b++) {
                generated[b * newTokens + t] = (int) next.getLong(b);
            }
            if (t + 1 == newTokens) {
                return;
            }
            Map<Tensor, HostTensor> feeds = Map.of(stepIds, next, position, HostTensor.scalar(prefixLength + t), banMask, mask);
            try (Outputs out = session.run(feeds, List.of(stepNext), List.of(stepStore))) {
                next = out.get(0).copy();
            }
        }
    }

    /** Logits {@code [B, 1, vocab]} of hidden states {@code [B, 1, hidden]}. */
    private Tensor unembed(Ops ops, Tensor hidden) {
        Tensor rows = ops.reshape(hidden, batch, hidden.shape().dim(-1));
        return ops.reshape(ops.matmul(rows, unembedT, false, false), batch, 1, unembedT.shape().dim(1));
    }

    /** I32 argmax over the last axis of logits plus the ban mask; the lowest id wins ties. */
    private Tensor argmax(Ops ops, Tensor logits) {
        Tensor f32 = logits.dtype() == DType.F32 ? logits : ops.cast(logits, DType.F32);
        return ops.cast(ops.argmax(ops.add(f32, banMask), -1), DType.I32);
    }
}
