package io.timelapse.lib.nn;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/** PyTorch's {@code nn.MaxPool2d} on NHWC inputs; padding counts as −∞, as in PyTorch. */
public final class MaxPool2d {

    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /** A square window; PyTorch's default stride is the window size. */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {padding, padding});
    }

    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding) {
        this.kernel = Pool.pair(kernelSize, "kernel size");
        this.stride = Pool.pair(stride, "stride");
        this.padding = Pool.pair(padding, "padding");
        if (this.padding[0] * 2 > kernel[0] || this.padding[1] * 2 > kernel[1]) {
            throw new IllegalArgumentException("padding must be at most half the kernel size, as PyTorch requires");
        }
    }

    public Tensor apply(Ops ops, Tensor x) {
        Tensor padded = Pool.padSpatial(ops, x, padding, Double.NEGATIVE_INFINITY);
        return ops.maxPool(padded, kernel, stride, Ops.Padding.VALID);
    }
}
