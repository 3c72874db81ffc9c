package io.timelapse.architecture.planted.runtime.violation;

import io.timelapse.architecture.planted.compute.Backend;

/** Planted violation: a runtime bundle using the compute backend instead of its API service. */
final class RuntimeUsesTheBackend {
    Backend backend = new Backend();
}
