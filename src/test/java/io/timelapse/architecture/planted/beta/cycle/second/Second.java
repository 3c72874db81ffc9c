package io.timelapse.architecture.planted.beta.cycle.second;

import io.timelapse.architecture.planted.beta.cycle.first.First;

/** Planted violation: the other half of a package cycle. */
public final class Second {
    First first;
}
