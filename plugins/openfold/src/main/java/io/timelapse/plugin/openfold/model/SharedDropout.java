package io.timelapse.plugin.openfold.model;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Dropout;

/**
 * OpenFold's {@code DropoutRowwise} and {@code DropoutColumnwise}: one dropout mask drawn with the shared axis
 * of size 1 and broadcast along it, so every row (rowwise, axis −3) or every column (columnwise, axis −2) of
 * an MSA or pair tensor is dropped alike. The mask is {@link Dropout}'s, a function of the step and this
 * layer's scope name; evaluation (training false) returns the input.
 */
public final class SharedDropout {

    /** Along which axis one mask is shared. */
    public enum Sharing {
        /** One mask shared by all rows: the mask has size 1 on axis −3. */
        ROWWISE(-3),
        /** One mask shared by all columns: the mask has size 1 on axis −2. */
        COLUMNWISE(-2);

        private final int axis;

        Sharing(int axis) {
            this.axis = axis;
        }
    }

    private final Ops ops;
    private final Dropout dropout;
    private final Sharing sharing;

    public SharedDropout(Ops ops, double rate, Sharing sharing) {
        this.ops = ops;
        this.dropout = new Dropout(ops, rate);
        this.sharing = sharing;
    }

    public double rate() {
        return dropout.rate();
    }

    /** {@code x [*, A, B, C]} times one inverted-dropout mask shared along the axis; {@code x} itself when not training. */
    public Tensor apply(Tensor x, Tensor step, boolean training) {
        if (!training || dropout.rate() == 0) {
            return x;
        }
        long[] dims = x.shape().dims();
        if (dims.length < 3) {
            throw new IllegalArgumentException(ops.scopeName() + ": shared dropout needs at least 3 axes, got " + x.shape());
        }
        dims[dims.length + sharing.axis] = 1;
        Tensor mask = dropout.apply(ops.ones(Shape.of(dims), x.dtype()), step, true);
        return ops.mul(x, mask);
    }
}
