package io.timelapse.architecture.planted.beta.cycle.first;

import io.timelapse.architecture.planted.beta.cycle.second.Second;

/** Planted violation: one half of a package cycle. */
public final class First {
    Second second;
}
