package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;

/**
 * PyTorch's {@code nn.Conv2d} on NHWC inputs: {@code weight [out, in, kh, kw]} and {@code bias [out]}
 * as PyTorch stores them (initialised U(−1/√fanIn, 1/√fanIn), fanIn = in·kh·kw), transposed to the
 * API's HWIO filter inside the graph. Zero padding of {@code padding} pixels on each side, as PyTorch.
 */
public final class Conv2d extends Module {

    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final Variable weight;
    private final Variable bias;

    /** A square kernel with the same stride, padding and dilation along both axes. */
    public Conv2d(Ops ops, long inChannels, long outChannels, int kernelSize, int stride, int padding, boolean bias, DType dtype) {
        this(ops, inChannels, outChannels, new int[] {kernelSize, kernelSize}, new int[] {stride, stride},
                new int[] {padding, padding}, new int[] {1, 1}, bias, dtype);
    }

    public Conv2d(Ops ops, long inChannels, long outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                  boolean bias, DType dtype) {
        super(ops);
        this.stride = Pool.pair(stride, "stride");
        this.padding = Pool.pair(padding, "padding");
        this.dilation = Pool.pair(dilation, "dilation");
        int[] kernel = Pool.pair(kernelSize, "kernel size");
        long fanIn = inChannels * kernel[0] * kernel[1];
        this.weight = parameter("weight", dtype, Shape.of(outChannels, inChannels, kernel[0], kernel[1]), Initializer.fanInUniform(fanIn));
        this.bias = bias ? parameter("bias", dtype, Shape.of(outChannels), Initializer.fanInUniform(fanIn)) : null;
    }

    public Variable weight() {
        return weight;
    }

    public Variable bias() {
        return bias;
    }

    /** {@code x [N, H, W, in]} to {@code [N, H', W', out]}. */
    public Tensor apply(Tensor x) {
        Ops ops = ops();
        Tensor filter = ops.transpose(weight, 2, 3, 1, 0);
        Tensor padded = Pool.padSpatial(ops, x, padding, 0);
        Tensor y = ops.conv2d(padded, filter, stride, Ops.Padding.VALID, dilation);
        return bias == null ? y : ops.add(y, bias);
    }
}
