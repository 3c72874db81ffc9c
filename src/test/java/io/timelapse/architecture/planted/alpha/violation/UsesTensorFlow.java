package io.timelapse.architecture.planted.alpha.violation;

import org.tensorflow.planted.FakeGraph;

/** Planted violation: a plugin touching TensorFlow. */
final class UsesTensorFlow {
    FakeGraph graph = new FakeGraph();
}
