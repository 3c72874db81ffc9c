package io.timelapse.architecture.planted.conformance.violation;

import io.timelapse.architecture.planted.compute.Backend;

/** Planted violation: the conformance kit reaching a backend's classes instead of the API. */
final class SuiteKnowsTheBackend {
    Backend backend;
}
