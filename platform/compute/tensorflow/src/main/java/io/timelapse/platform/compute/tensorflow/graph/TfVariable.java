package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Variable;
import org.tensorflow.Output;

/** A resource variable: its handle, the read of its value, and the assignment of its initial value. */
final class TfVariable extends TfTensor implements Variable {

    private final String name;
    private final Output<?> handle;
    private final boolean trainable;
    private final Initializer initializer;

    TfVariable(String name, Output<?> handle, Output<?> read, TfGraph graph, boolean trainable, Initializer initializer) {
        super(read, graph);
        this.name = name;
        this.handle = handle;
        this.trainable = trainable;
        this.initializer = initializer;
    }

    Output<?> handle() {
        return handle;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean trainable() {
        return trainable;
    }

    @Override
    public Initializer initializer() {
        return initializer;
    }
}
