package io.timelapse.architecture.planted.testdata;

import java.nio.file.Path;

/** Planted: shared test data, which needs nothing but the JDK. */
public final class Fixtures {
    public Path model() {
        return Path.of("tiny");
    }
}
