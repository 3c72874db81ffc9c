package io.timelapse.architecture.planted.bench;

import io.timelapse.architecture.planted.api.ApiService;

/** Planted: the benchmark library, allowed to use the API, and the compute backend allowed to use it. */
public final class Stopwatch {
    public String time(ApiService service) {
        return service.name() + " " + System.nanoTime();
    }
}
