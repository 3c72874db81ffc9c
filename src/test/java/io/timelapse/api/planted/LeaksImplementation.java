package io.timelapse.api.planted;

import io.timelapse.platform.launcher.Launcher;

/** Planted violation: an API class depending on an implementation package. */
public final class LeaksImplementation {
    Class<?> launcher = Launcher.class;
}
