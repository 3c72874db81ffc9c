package io.timelapse.architecture.planted.service;

import io.timelapse.architecture.planted.api.ApiService;
import io.timelapse.architecture.planted.lib.Checksums;

/** Planted: a platform service, allowed to use the API and shared libraries. */
public final class LanguageService implements ApiService {
    @Override
    public String name() {
        return "lm " + new Checksums().of(this::toString);
    }
}
