package io.timelapse.architecture.planted.launcher;

import org.apache.felix.framework.FrameworkFactory;

/** Planted: the launcher, allowed to launch Felix. */
public final class Main {
    FrameworkFactory factory = new FrameworkFactory();
}
