package io.timelapse.lib.safetensors;

import java.io.IOException;

/** A safetensors file or shard index that is corrupt, truncated or not safetensors at all. */
public final class SafetensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String source, String message) {
        super(source + ": " + message);
    }

    public SafetensorsFormatException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
