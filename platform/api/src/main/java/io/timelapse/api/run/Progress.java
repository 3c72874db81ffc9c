package io.timelapse.api.run;

/** Progress of one task; close it when the task ends. */
@org.osgi.annotation.versioning.ProviderType
public interface Progress extends AutoCloseable {

    /** Reports nothing: for code that can run inside or outside a command. */
    Progress NONE = new Progress() {
        @Override
        public void advance(long units) {}

        @Override
        public void close() {}
    };

    void advance(long units);

    default void step() {
        advance(1);
    }

    @Override
    void close();
}
