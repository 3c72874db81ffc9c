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
import io.timelapse.lib.nn.AttentionMask;
import io.timelapse.lib.nn.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Greedy decoding of {@code batch} prefixes of {@code prefixLength} tokens by {@code newTokens}
 * tokens with the key/value cache kept in the session: variables {@code [B, H, capacity, D]} per
 * layer, capacity = prefix + new − 1. The prefill writes the prefix's keys and values; each step
 * attends to the whole cache with the unused slots masked out, writes its own keys and values into
 * its slot, and returns only the next token ids, so nothing but token ids crosses to the host.
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

    /** @param unembedT the unembedding {@code [hidden, vocab]}, see {@link NeoXLanguageModel} */
    CachedDecoder(Ops root, GptNeoX model, Tensor unembedT, DType dtype, int batch, int prefixLength, int newTokens) {
        this.batch = batch;
        this.prefixLength = prefixLength;
        this.newTokens = newTokens;
        var config = model.config();
        int capacity = prefixLength + newTokens - 1;
        int heads = config.numHeads();
        int headDim = config.headDim();
        Ops ops = root.scope("decode_" + batch + "x" + prefixLength + "_" + newTokens);
        banMask = ops.placeholder("ban_mask", DType.F32, Shape.of(config.vocabSize()));
        this.unembedT = unembedT;
        Shape cacheShape = Shape.of(batch, heads, capacity, headDim);
        List<Variable> cache = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            cache.add(ops.stateVariable("keys_" + i, dtype, cacheShape, Initializer.zeros()));
            cache.add(ops.stateVariable("values_" + i, dtype, cacheShape, Initializer.zeros()));
        }

        prefillIds = ops.placeholder("prefill_ids", DType.I32, Shape.of(batch, prefixLength));
        GptNeoX.Forward prefill = model.apply(prefillIds, null);
        Tensor last = ops.slice(prefill.hidden(), new long[] {0, prefixLength - 1, 0}, new long[] {batch, 1, config.hiddenSize()});
        prefillNext = argmax(ops, unembed(ops, last));
        long[][] fill = {{0, 0}, {0, 0}, {0, capacity - prefixLength}, {0, 0}};
        List<Operation> prefillWrites = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            MultiHeadAttention.KeyValues present = prefill.presents().get(i);
            prefillWrites.add(ops.assign(cache.get(2 * i), ops.pad(present.keys(), fill, 0)));
            prefillWrites.add(ops.assign(cache.get(2 * i + 1), ops.pad(present.values(), fill, 0)));
        }
        prefillStore = ops.group(prefillWrites);

        stepIds = ops.placeholder("step_ids", DType.I32, Shape.of(batch, 1));
        position = ops.placeholder("position", DType.I32, Shape.scalar());
        // Keys are the cache (slots ≥ position still empty) followed by the step's own key at index capacity.
        Tensor slots = ops.range(0, capacity + 1, 1, DType.I32);
        Tensor visible = ops.logicalOr(ops.less(slots, position), ops.equal(slots, ops.scalar(capacity, DType.I32)));
        AttentionMask mask = AttentionMask.padding(ops.reshape(visible, 1, capacity + 1));
        List<MultiHeadAttention.KeyValues> past = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            past.add(new MultiHeadAttention.KeyValues(cache.get(2 * i), cache.get(2 * i + 1)));
        }
        GptNeoX.Forward step = model.apply(stepIds, past, mask, ops.reshape(position, 1));
        stepNext = argmax(ops, unembed(ops, step.hidden()));
        Tensor slot = ops.reshape(ops.equal(ops.range(0, capacity, 1, DType.I32), position), 1, 1, capacity, 1);
        List<Operation> stepWrites = new ArrayList<>();
        long[] newBegin = {0, 0, capacity, 0};
        long[] newSize = {batch, heads, 1, headDim};
        for (int i = 0; i < config.numLayers(); i++) {
            MultiHeadAttention.KeyValues present = step.presents().get(i);
            Tensor newKey = ops.slice(present.keys(), newBegin, newSize);
            Tensor newValue = ops.slice(present.values(), newBegin, newSize);
            stepWrites.add(ops.assign(cache.get(2 * i), ops.where(slot, newKey, cache.get(2 * i))));
            stepWrites.add(ops.assign(cache.get(2 * i + 1), ops.where(slot, newValue, cache.get(2 * i + 1))));
        }
        stepStore = ops.group(stepWrites);
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
