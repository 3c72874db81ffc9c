package io.timelapse.architecture.planted.testdata.violation;

import io.timelapse.architecture.planted.api.ApiService;

/** Planted violation: shared test data depending on the API. */
final class FixtureKnowsTheApi {
    ApiService service;
}
