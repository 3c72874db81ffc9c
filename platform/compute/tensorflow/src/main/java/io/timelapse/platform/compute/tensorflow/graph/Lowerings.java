package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Tensor;
import java.util.List;

/**
 * API operations TensorFlow has no single kernel for, or whose kernel's C++ gradient falls short,
 * lowered onto several kernels. The backend-neutral composites live in the API ({@code Ops}' default
 * methods).
 */
final class Lowerings {

    private final TfOps ops;

    Lowerings(TfOps ops) {
        this.ops = ops;
    }

    /** Softmax-like kernels work on the last axis; another axis is moved there and back. */
    Tensor onLastAxis(String kernel, Tensor x, int axis) {
        int rank = x.shape().hasUnknownRank() ? -1 : x.shape().rank();
        if (axis == -1 || axis == rank - 1) {
            return ops.lastAxisKernel(kernel, x);
        }
        if (rank < 0) {
            throw new IllegalArgumentException(kernel + " over axis " + axis + " needs a known rank");
        }
        int[] swap = new int[rank];
        for (int i = 0; i < rank; i++) {
            swap[i] = i;
        }
        int target = axis < 0 ? rank + axis : axis;
        swap[target] = rank - 1;
        swap[rank - 1] = target;
        return ops.transpose(ops.lastAxisKernel(kernel, ops.transpose(x, swap)), swap);
    }

    /**
     * A last-axis kernel applied to {@code x} flattened to a matrix: TensorFlow's C++ LogSoftmax
     * gradient sums over axis 1, which is the last axis only for matrices.
     */
    Tensor asMatrices(String kernel, Tensor x) {
        Tensor shape = ops.shapeOf(x);
        Tensor last = ops.stridedSlice(shape, new long[] {-1}, new long[] {0}, new long[] {1}, 0, 1, 0);
        Tensor matrixShape = ops.concat(0, List.of(ops.constant(HostTensor.of(new long[] {-1}, 1)), last));
        return ops.reshape(ops.lastAxisKernel(kernel, ops.reshape(x, matrixShape)), shape);
    }

    /** An HWIO filter with {@code dilations − 1} zeros inserted between its taps along H and W. */
    Tensor dilatedFilter(Tensor filter, int[] dilations) {
        Tensor dilated = filter;
        for (int axis = 0; axis < 2; axis++) {
            int rate = dilations[axis];
            long taps = dilated.shape().dim(axis);
            if (rate == 1) {
                continue;
            }
            if (rate < 1 || taps < 0) {
                throw new IllegalArgumentException("conv2d needs dilations >= 1 and a filter of known height and width, got "
                        + java.util.Arrays.toString(dilations) + " and " + filter.shape());
            }
            List<Tensor> spaced = new java.util.ArrayList<>();
            spaced.add(dilated);
            for (int i = 1; i < rate; i++) {
                spaced.add(ops.zerosLike(dilated));
            }
            long[] dims = dilated.shape().dims();
            Tensor interleaved = ops.stack(axis + 1, spaced);
            long[] merged = dims.clone();
            merged[axis] = taps * rate;
            long[] begin = new long[dims.length];
            long[] size = dims.clone();
            size[axis] = (taps - 1) * rate + 1;
            dilated = ops.slice(ops.reshape(interleaved, merged), begin, size);
        }
        return dilated;
    }

    Tensor dropout(Tensor x, double rate, Tensor seed, long graphSeed) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        if (rate == 0) {
            return x;
        }
        Tensor seedPair = ops.stack(0, List.of(ops.scalar(graphSeed, DType.I64), ops.cast(seed, DType.I64)));
        Tensor uniform = ops.statelessUniform(ops.shapeOf(x), seedPair, x.dtype());
        Tensor keep = ops.greaterEqual(uniform, ops.scalar(rate, x.dtype()));
        Tensor scaled = ops.mul(x, ops.scalar(1 / (1 - rate), x.dtype()));
        return ops.where(keep, scaled, ops.zerosLike(x));
    }

    /** {@code x·scale + shift}, skipping the identity parts. */
    Tensor affine(Tensor x, double scale, double shift) {
        Tensor scaled = scale == 1 ? x : ops.mul(x, ops.scalar(scale, x.dtype()));
        return shift == 0 ? scaled : ops.add(scaled, ops.scalar(shift, x.dtype()));
    }
}
