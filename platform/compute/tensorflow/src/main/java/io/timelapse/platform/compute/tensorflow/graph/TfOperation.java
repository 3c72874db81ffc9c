package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.Operation;

/** A TensorFlow graph operation seen through the API. */
record TfOperation(org.tensorflow.GraphOperation native_) implements Operation {

    @Override
    public String name() {
        return native_.name();
    }

    @Override
    public String type() {
        return native_.type();
    }

    static TfOperation of(Operation operation) {
        if (operation instanceof TfOperation tf) {
            return tf;
        }
        throw new IllegalArgumentException("operation " + operation.name() + " belongs to another backend");
    }
}
