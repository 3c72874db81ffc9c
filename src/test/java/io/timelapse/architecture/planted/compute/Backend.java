package io.timelapse.architecture.planted.compute;

import io.timelapse.architecture.planted.api.ApiService;
import io.timelapse.architecture.planted.bench.Stopwatch;
import org.tensorflow.planted.FakeGraph;

/** Planted: a compute backend, allowed to use the API, the benchmark library and TensorFlow. */
public final class Backend implements ApiService {
    private final FakeGraph graph = new FakeGraph();
    private final Stopwatch stopwatch = new Stopwatch();

    @Override
    public String name() {
        return "backend " + graph;
    }
}
