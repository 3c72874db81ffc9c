package io.timelapse.architecture.planted.conformance;

import io.timelapse.architecture.planted.api.ApiService;
import org.junit.jupiter.api.Assertions;

/** Planted: the conformance kit, allowed to use the API and JUnit. */
public final class Suite {
    public void check(ApiService backend) {
        Assertions.assertNotNull(backend.name());
    }
}
