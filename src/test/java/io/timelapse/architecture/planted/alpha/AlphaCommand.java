package io.timelapse.architecture.planted.alpha;

import io.timelapse.architecture.planted.api.ApiService;
import io.timelapse.architecture.planted.lib.Checksums;

/** Planted: a plugin's command, allowed to use the API and shared libraries. */
final class AlphaCommand {
    String run(ApiService service) {
        return new Checksums().of(service);
    }
}
