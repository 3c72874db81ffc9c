package io.timelapse.plugin.plantedalpha;

import org.tensorflow.planted.FakeGraph;

/** Planted violation: a plugin touching TensorFlow. */
final class UsesTensorFlow {
    FakeGraph graph = new FakeGraph();
}
