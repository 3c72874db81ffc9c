package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.Shape;

/** The API's shapes and TensorFlow's, both ways. */
final class Shapes {

    private Shapes() {}

    static org.tensorflow.ndarray.Shape toTf(Shape shape) {
        return shape.hasUnknownRank() ? org.tensorflow.ndarray.Shape.unknown() : org.tensorflow.ndarray.Shape.of(shape.dims());
    }

    static Shape fromTf(org.tensorflow.ndarray.Shape shape) {
        return shape.isUnknown() ? Shape.unknown() : Shape.of(shape.asArray());
    }
}
