package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;

/** A one-hidden-layer perceptron: {@code fc1} (C·H·W → hidden), ReLU, {@code fc2} (hidden → classes). */
public final class MlpClassifier extends Module implements ImageClassifier {

    /** The hidden width of the 784-512-10 network. */
    public static final int HIDDEN = 512;

    private final ImageShape shape;
    private final Linear first;
    private final Linear second;

    public MlpClassifier(Ops ops, ImageShape shape) {
        super(ops);
        this.shape = shape;
        this.first = child(new Linear(ops.scope("fc1"), shape.dimension(), HIDDEN, true, DType.F32));
        this.second = child(new Linear(ops.scope("fc2"), HIDDEN, shape.classes(), true, DType.F32));
    }

    @Override
    public String net() {
        return "mlp";
    }

    @Override
    public String arch() {
        return shape.dimension() + "-" + HIDDEN + "-" + shape.classes();
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public Tensor logits(Tensor images, boolean training) {
        return second.apply(ops().relu(first.apply(images)));
    }
}
