package io.timelapse.plugin.plantedcycle.first;

import io.timelapse.plugin.plantedcycle.second.Second;

/** Planted violation: one half of a package cycle. */
public final class First {
    Second second;
}
