package io.timelapse.architecture.planted.lib;

import io.timelapse.architecture.planted.api.ApiService;

/** Planted: a shared library class, allowed to use the API. */
public final class Checksums {
    public String of(ApiService service) {
        return Integer.toHexString(service.name().hashCode());
    }
}
