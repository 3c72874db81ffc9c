package io.timelapse.platform.compute.tensorflow.graph;

import org.tensorflow.proto.ConfigProto;

/** What the runtime decides for every session: its configuration, and what to observe after each run. */
public interface SessionHooks {

    ConfigProto config();

    void afterRun();
}
