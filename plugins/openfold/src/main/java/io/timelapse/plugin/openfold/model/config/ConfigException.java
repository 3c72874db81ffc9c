package io.timelapse.plugin.openfold.model.config;

/** A configuration that cannot be used: an unknown preset or key, a value of the wrong kind, sizes that disagree. */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
