package io.timelapse.architecture.planted.compute;

import io.timelapse.architecture.planted.api.ApiService;
import org.tensorflow.planted.FakeGraph;

/** Planted: a compute backend, allowed to use the API and TensorFlow. */
public final class Backend implements ApiService {
    private final FakeGraph graph = new FakeGraph();

    @Override
    public String name() {
        return "backend " + graph;
    }
}
