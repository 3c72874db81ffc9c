package io.timelapse.lib.metrics;

import java.io.IOException;
import java.util.Map;

/** Receives one row of scalar metrics per logged step. */
public interface MetricsWriter extends AutoCloseable {

    /** Records {@code values} (name to value, in column order) for {@code step}. */
    void write(long step, Map<String, Double> values) throws IOException;

    @Override
    void close() throws IOException;
}
