package org.example.rogue;

import io.timelapse.architecture.planted.runtime.RunStore;

/** Planted violation: a plugin whose packages are not under io.timelapse, using platform implementation. */
final class RoguePluginReachesIntoRuntime {
    RunStore store = new RunStore();
}
