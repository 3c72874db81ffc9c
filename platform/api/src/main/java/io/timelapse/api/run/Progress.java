package io.timelapse.api.run;

/** Progress of one task; close it when the task ends. */
@org.osgi.annotation.versioning.ProviderType
public interface Progress extends AutoCloseable {

    void advance(long units);

    default void step() {
        advance(1);
    }

    @Override
    void close();
}
