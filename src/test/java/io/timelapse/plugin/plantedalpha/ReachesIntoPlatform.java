package io.timelapse.plugin.plantedalpha;

import io.timelapse.platform.launcher.Launcher;

/** Planted violation: a plugin using a platform implementation class. */
final class ReachesIntoPlatform {
    Class<?> launcher = Launcher.class;
}
