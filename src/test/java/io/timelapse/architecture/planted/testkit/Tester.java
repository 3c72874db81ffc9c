package io.timelapse.architecture.planted.testkit;

import io.timelapse.architecture.planted.api.ApiService;
import io.timelapse.architecture.planted.runtime.RunStore;

/** Planted: the test kit, allowed to use the API and the runtime. */
public final class Tester {
    ApiService runs = new RunStore();
}
