package io.timelapse.api.compute;

/** A node of a graph; run it as a target when it matters for its effect (an update) rather than a value. */
@org.osgi.annotation.versioning.ProviderType
public interface Operation {

    String name();

    /** The backend's operation type, for messages. */
    String type();
}
