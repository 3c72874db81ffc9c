package io.timelapse.architecture.planted.service.violation;

import io.timelapse.architecture.planted.runtime.RunStore;

/** Planted violation: a platform service using a runtime bundle instead of its API service. */
final class ServiceReachesIntoRuntime {
    RunStore store = new RunStore();
}
