package io.timelapse.api.plugin;

/** Thrown when a plugin calls a required service that no installed bundle currently provides. */
public final class ServiceUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(Class<?> type) {
        super("no " + type.getSimpleName() + " service is available (" + type.getName()
                + "): install the plugin or platform bundle that provides it, and check `timelapse plugins`");
    }
}
