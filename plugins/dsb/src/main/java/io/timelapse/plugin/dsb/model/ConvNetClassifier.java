package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Conv2d;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.MaxPool2d;
import io.timelapse.lib.nn.Module;

/**
 * A small ConvNet, fast on a CPU: two blocks of 3×3 convolution (padding 1), ReLU and 2×2 max pooling
 * ({@value #FIRST} then {@value #SECOND} channels), then a hidden layer of {@value #HIDDEN} and the classes.
 */
public final class ConvNetClassifier extends Module implements ImageClassifier {

    public static final int FIRST = 16;
    public static final int SECOND = 32;
    public static final int HIDDEN = 128;

    private final ImageShape shape;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final MaxPool2d pool = new MaxPool2d(2, 2, 0);
    private final Linear fc1;
    private final Linear fc2;
    private final long flat;

    public ConvNetClassifier(Ops ops, ImageShape shape) {
        super(ops);
        if (shape.height() < 4 || shape.width() < 4) {
            throw new IllegalArgumentException("the convnet pools twice by 2 and needs images of at least 4x4, not "
                + shape.height() + "x" + shape.width());
        }
        this.shape = shape;
        this.conv1 = child(new Conv2d(ops.scope("conv1"), shape.channels(), FIRST, 3, 1, 1, true, DType.F32));
        this.conv2 = child(new Conv2d(ops.scope("conv2"), FIRST, SECOND, 3, 1, 1, true, DType.F32));
        this.flat = (long) (shape.height() / 4) * (shape.width() / 4) * SECOND;
        this.fc1 = child(new Linear(ops.scope("fc1"), flat, HIDDEN, true, DType.F32));
        this.fc2 = child(new Linear(ops.scope("fc2"), HIDDEN, shape.classes(), true, DType.F32));
    }

    @Override
    public String net() {
        return "convnet";
    }

    @Override
    public String arch() {
        return "c" + FIRST + "-c" + SECOND + "-fc" + HIDDEN;
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public Tensor logits(Tensor images, boolean training) {
        Ops ops = ops();
        Tensor nchw = ops.reshape(images, -1, shape.channels(), shape.height(), shape.width());
        Tensor x = ops.transpose(nchw, 0, 2, 3, 1);
        x = pool.apply(ops, ops.relu(conv1.apply(x)));
        x = pool.apply(ops, ops.relu(conv2.apply(x)));
        x = ops.reshape(x, -1, flat);
        return fc2.apply(ops.relu(fc1.apply(x)));
    }
}
