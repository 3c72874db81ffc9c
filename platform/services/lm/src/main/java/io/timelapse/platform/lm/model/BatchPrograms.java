package io.timelapse.platform.lm.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph pieces for one batch size, built once and reused by every call of that size. The
 * sequence length stays open, so one set serves prompts, 64-token windows and 2049-token rows; a
 * session run fetches only what a call needs and TensorFlow prunes the rest (logits for positions
 * nobody asked about are never computed).
 */
final class BatchPrograms {

    final int batch;
    /** I32 {@code [B, T]}. */
    final Tensor ids;
    /** I32 {@code [K]}: the positions whose next-token argmax {@link #pickedArgmax} gives. */
    final Tensor positions;
    /** F32 {@code [V]}: 0, or −∞ for banned tokens. */
    final Tensor banMask;
    final Tensor logits;
    final Tensor hiddenStates;
    final Tensor tokenLoss;
    /** I32 {@code [B, K]}. */
    final Tensor pickedArgmax;


    /** @param unembedT the unembedding {@code [hidden, vocab]}, for the argmax of a few positions */
    BatchPrograms(Ops root, GptNeoX model, Tensor unembedT, DType dtype, int batch) {
        this.batch = batch;
        Ops ops = root.scope("batch" + batch);
        var config = model.config();
        ids = ops.placeholder("ids", DType.I32, Shape.of(batch, Shape.UNKNOWN_DIM));
        positions = ops.placeholder("positions", DType.I32, Shape.of(Shape.UNKNOWN_DIM));
        banMask = ops.placeholder("ban_mask", DType.F32, Shape.of(config.vocabSize()));

        GptNeoX.Forward forward = model.apply(ids, null);
        logits = toF32(ops, model.unembed(forward.hidden()));
        List<Tensor> streams = new ArrayList<>(forward.residuals());
        streams.add(forward.hidden());
        hiddenStates = toF32(ops, ops.stack(0, streams));
        // Loss = logsumexp(logits) − logit of the target; the target's logit is one dot product, not a one-hot over the vocabulary.
        Tensor predicting = ops.stridedSlice(forward.hidden(), new long[] {0, 0, 0}, new long[] {0, -1, 0}, new long[] {1, 1, 1}, 0b111, 0b101, 0);
        Tensor targets = ops.stridedSlice(ids, new long[] {0, 1}, new long[] {0, 0}, new long[] {1, 1}, 0b01, 0b11, 0);
        Tensor normalizer = ops.logSumExp(toF32(ops, model.unembed(predicting)), false, -1);
        tokenLoss = ops.sub(normalizer, toF32(ops, model.logitOf(predicting, targets)));
        Tensor picked = ops.reshape(ops.gather(forward.hidden(), positions, 1), -1, config.hiddenSize());
        pickedArgmax = ops.reshape(argmax(ops, ops.matmul(picked, unembedT, false, false)), batch, -1);
    }

    /** I32 argmax over the last axis of logits plus the ban mask; the lowest id wins ties. */
    private Tensor argmax(Ops ops, Tensor rawLogits) {
        Tensor masked = ops.add(toF32(ops, rawLogits), banMask);
        return ops.cast(ops.argmax(masked, -1), DType.I32);
    }

    private static Tensor toF32(Ops ops, Tensor x) {
        return x.dtype() == DType.F32 ? x : ops.cast(x, DType.F32);
    }
}
