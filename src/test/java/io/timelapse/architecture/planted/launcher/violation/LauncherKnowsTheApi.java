package io.timelapse.architecture.planted.launcher.violation;

import io.timelapse.architecture.planted.api.ApiService;

/** Planted violation: the launcher depending on a bundle of ours. */
final class LauncherKnowsTheApi {
    ApiService service;
}
