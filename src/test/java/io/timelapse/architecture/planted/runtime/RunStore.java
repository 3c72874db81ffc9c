package io.timelapse.architecture.planted.runtime;

import io.timelapse.architecture.planted.api.ApiService;
import io.timelapse.architecture.planted.lib.Checksums;

/** Planted: a runtime bundle, allowed to use the API and shared libraries. */
public final class RunStore implements ApiService {
    @Override
    public String name() {
        return "runs " + new Checksums().of(this::toString);
    }
}
