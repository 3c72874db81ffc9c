package io.timelapse.architecture.planted.lib.violation;

import io.timelapse.architecture.planted.runtime.RunStore;

/** Planted violation: a shared library using a runtime bundle. */
final class LibraryReachesIntoRuntime {
    RunStore store = new RunStore();
}
