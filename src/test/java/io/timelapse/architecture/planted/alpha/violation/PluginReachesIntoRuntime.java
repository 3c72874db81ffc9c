package io.timelapse.architecture.planted.alpha.violation;

import io.timelapse.architecture.planted.runtime.RunStore;

/** Planted violation: a plugin using platform implementation. */
final class PluginReachesIntoRuntime {
    RunStore store = new RunStore();
}
