package io.timelapse.plugin.openfold.model;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.Arrays;

/**
 * Shape helpers for OpenFold's tensors, whose leading axes are batch axes of any number: static
 * shapes, permutations of the trailing axes ({@code permute_final_dims}) and the additive mask bias.
 */
public final class Axes {

    private Axes() {}

    /** The first {@code lead} (batch) dimensions of {@code dims}, then {@code trailing}: a reshape's target. */
    public static long[] leadingThen(long[] dims, int lead, long... trailing) {
        long[] shape = Arrays.copyOf(dims, lead + trailing.length);
        System.arraycopy(trailing, 0, shape, lead, trailing.length);
        return shape;
    }

    /**
     * {@code x} at {@code index} along {@code axis}, that axis removed ({@code x[..., index, ...]}); a negative axis or
     * index counts from the end.
     */
    public static Tensor select(Ops ops, Tensor x, int axis, long index) {
        long[] size = x.shape().dims();
        int a = axis < 0 ? size.length + axis : axis;
        long[] begin = new long[size.length];
        begin[a] = index < 0 ? size[a] + index : index;
        size[a] = 1;
        return ops.squeeze(ops.slice(x, begin, size), a);
    }

    /** The dimensions of {@code x}, which must all be known when the graph is built. */
    public static long[] dims(Tensor x, String who, String what) {
        Shape shape = x.shape();
        if (!shape.isFullyKnown()) {
            throw new IllegalArgumentException(who + ": " + what + " needs a fully known shape, not " + shape);
        }
        return shape.dims();
    }

    /** Checks that {@code x} has at least {@code rank} axes and {@code channels} in its last one. */
    public static long[] requireTrailing(Tensor x, int rank, long channels, String who, String what) {
        long[] dims = dims(x, who, what);
        if (dims.length < rank || dims[dims.length - 1] != channels) {
            throw new IllegalArgumentException(who + ": " + what + " must have at least " + rank + " axes and " + channels
                    + " channels in the last, not " + x.shape());
        }
        return dims;
    }

    /**
     * OpenFold's {@code permute_final_dims}: the last {@code order.length} axes of {@code x} reordered so
     * that new trailing axis {@code k} is old trailing axis {@code order[k]}; leading axes stay.
     */
    public static Tensor permuteFinal(Ops ops, Tensor x, int... order) {
        int rank = x.shape().rank();
        int lead = rank - order.length;
        int[] permutation = new int[rank];
        for (int i = 0; i < lead; i++) {
            permutation[i] = i;
        }
        for (int k = 0; k < order.length; k++) {
            permutation[lead + k] = lead + order[k];
        }
        return ops.transpose(x, permutation);
    }

    /** Swaps the two axes before the channel axis: [*, I, J, C] to [*, J, I, C]. */
    public static Tensor swapPairAxes(Ops ops, Tensor x) {
        return permuteFinal(ops, x, 1, 0, 2);
    }

    /** Swaps the last two axes of a mask: [*, I, J] to [*, J, I]. */
    public static Tensor swapLast(Ops ops, Tensor mask) {
        return permuteFinal(ops, mask, 1, 0);
    }

    /**
     * OpenFold's additive mask bias {@code inf·(mask − 1)} of a [*, R, K] mask, shaped [*, R, 1, 1, K]
     * so it broadcasts over the heads and queries of attention logits [*, R, H, Q, K].
     */
    public static Tensor maskBias(Ops ops, Tensor mask, double inf) {
        Tensor bias = ops.mul(ops.scalar(inf, mask.dtype()), ops.sub(mask, ops.onesLike(mask)));
        return ops.expandDims(ops.expandDims(bias, -2), -2);
    }

    /** {@code mask}, or ones of {@code dims} when there is none (OpenFold's default). */
    public static Tensor maskOrOnes(Ops ops, Tensor mask, long[] dims, Tensor like) {
        return mask != null ? mask : ops.ones(Shape.of(dims), like.dtype());
    }
}
