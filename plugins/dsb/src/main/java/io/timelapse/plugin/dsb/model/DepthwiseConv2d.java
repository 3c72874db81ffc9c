package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.Module;

/**
 * PyTorch's {@code nn.Conv2d(c, c, k, padding=k//2, groups=c)} on NHWC inputs, stride 1, odd square
 * kernel: {@code weight [c, 1, k, k]} and {@code bias [c]} as PyTorch stores and initialises them
 * (U(−1/k, 1/k), the fan-in being k·k), transposed to the API's [k, k, c, 1] filter in the graph.
 */
final class DepthwiseConv2d extends Module {

    private final Variable weight;
    private final Variable bias;

    DepthwiseConv2d(Ops ops, long channels, int kernelSize, DType dtype) {
        super(ops);
        if (kernelSize % 2 == 0) {
            throw new IllegalArgumentException(ops.scopeName() + ": the kernel size must be odd, got " + kernelSize);
        }
        Initializer init = Initializer.fanInUniform((long) kernelSize * kernelSize);
        this.weight = parameter("weight", dtype, Shape.of(channels, 1, kernelSize, kernelSize), init);
        this.bias = parameter("bias", dtype, Shape.of(channels), init);
    }

    /** {@code x [N, H, W, c]} to {@code [N, H, W, c]}; SAME padding of an odd kernel is k//2 zeros per side, as PyTorch's. */
    Tensor apply(Tensor x) {
        Ops ops = ops();
        Tensor filter = ops.transpose(weight, 2, 3, 0, 1);
        return ops.add(ops.depthwiseConv2d(x, filter, new int[] {1, 1}, Ops.Padding.SAME), bias);
    }
}
