package io.timelapse.architecture.planted.alpha.violation;

import org.apache.felix.framework.FrameworkFactory;

/** Planted violation: a plugin launching its own framework. */
final class LaunchesFelix {
    FrameworkFactory factory = new FrameworkFactory();
}
