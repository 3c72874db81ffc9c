package io.timelapse.platform.lm.config;

import java.io.IOException;

/** A model file that cannot be used; the message names the file (and field) and what was expected. */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String source, String message) {
        super(source + ": " + message);
    }

    public ModelFormatException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
