package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;

/**
 * One ConvNeXt V2 block on NHWC inputs, with Hugging Face's parameter names: {@code dwconv} (7×7
 * depthwise), {@code layernorm} (over channels, ε 1e-6), {@code pwconv1} (4× expansion), GELU,
 * {@code grn}, {@code pwconv2}, then stochastic depth on the branch and the residual sum.
 */
final class ConvNextV2Block extends Module {

    private static final int KERNEL = 7;

    private final DepthwiseConv2d dwconv;
    private final LayerNorm layernorm;
    private final Linear pwconv1;
    private final GlobalResponseNorm grn;
    private final Linear pwconv2;
    private final DropPath dropPath;

    ConvNextV2Block(Ops ops, long dim, double dropPathRate, DType dtype) {
        super(ops);
        this.dwconv = child(new DepthwiseConv2d(ops.scope("dwconv"), dim, KERNEL, dtype));
        this.layernorm = child(new LayerNorm(ops.scope("layernorm"), dim, ConvNextV2.NORM_EPS, dtype));
        this.pwconv1 = child(new Linear(ops.scope("pwconv1"), dim, 4 * dim, true, dtype));
        this.grn = child(new GlobalResponseNorm(ops.scope("grn"), 4 * dim, dtype));
        this.pwconv2 = child(new Linear(ops.scope("pwconv2"), 4 * dim, dim, true, dtype));
        this.dropPath = new DropPath(ops.scope("drop_path"), dropPathRate);
    }

    Tensor apply(Tensor x, Tensor step, boolean training) {
        Ops ops = ops();
        Tensor y = pwconv1.apply(layernorm.apply(dwconv.apply(x)));
        y = pwconv2.apply(grn.apply(ops.gelu(y)));
        return ops.add(x, dropPath.apply(y, step, training));
    }
}
