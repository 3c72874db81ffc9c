package io.timelapse.lib.nn;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/**
 * PyTorch's {@code nn.AvgPool2d} on NHWC inputs with its default {@code count_include_pad=True}:
 * padded zeros count in the average.
 */
public final class AvgPool2d {

    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {padding, padding});
    }

    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding) {
        this.kernel = Pool.pair(kernelSize, "kernel size");
        this.stride = Pool.pair(stride, "stride");
        this.padding = Pool.pair(padding, "padding");
    }

    public Tensor apply(Ops ops, Tensor x) {
        return ops.avgPool(Pool.padSpatial(ops, x, padding, 0), kernel, stride, Ops.Padding.VALID);
    }

    /** {@code nn.AdaptiveAvgPool2d(1)} followed by flattening: the mean over height and width, {@code [N, C]}. */
    public static Tensor global(Ops ops, Tensor x) {
        return ops.mean(x, false, 1, 2);
    }
}
