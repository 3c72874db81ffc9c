package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/**
 * Two linear layers with an activation between them, the feed-forward block of transformers.
 * The layer names vary by model, so they are given: {@code dense_h_to_4h}/{@code dense_4h_to_h}
 * in GPT-NeoX, {@code fc1}/{@code fc2} in timm and CLIP.
 */
public final class Mlp extends Module {

    private final Linear in;
    private final Linear out;
    private final Activation activation;

    public Mlp(Ops ops, long features, long hidden, Activation activation, DType dtype) {
        this(ops, "fc1", "fc2", features, hidden, features, activation, true, dtype);
    }

    public Mlp(Ops ops, String inName, String outName, long inFeatures, long hidden, long outFeatures,
               Activation activation, boolean bias, DType dtype) {
        super(ops);
        this.in = child(new Linear(ops.scope(inName), inFeatures, hidden, bias, dtype));
        this.out = child(new Linear(ops.scope(outName), hidden, outFeatures, bias, dtype));
        this.activation = activation;
    }

    /** The GPT-NeoX feed-forward block: {@code dense_h_to_4h}, activation, {@code dense_4h_to_h}. */
    public static Mlp gptNeoX(Ops ops, long hiddenSize, long intermediateSize, Activation activation, DType dtype) {
        return new Mlp(ops, "dense_h_to_4h", "dense_4h_to_h", hiddenSize, intermediateSize, hiddenSize, activation, true, dtype);
    }

    public Linear in() {
        return in;
    }

    public Linear out() {
        return out;
    }

    public Tensor apply(Tensor x) {
        return out.apply(activation.apply(ops(), in.apply(x)));
    }
}
