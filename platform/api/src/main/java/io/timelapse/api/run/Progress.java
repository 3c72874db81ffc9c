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

    /**
     * A short status shown beside the progress, such as the current loss ({@code loss 2.314});
     * it replaces the previous one.
     *
     * @since 1.1
     */
    default void status(String text) {}

    @Override
    void close();
}
