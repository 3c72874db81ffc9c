package io.timelapse.plugin.plantedcycle.second;

import io.timelapse.plugin.plantedcycle.first.First;

/** Planted violation: the other half of a package cycle. */
public final class Second {
    First first;
}
