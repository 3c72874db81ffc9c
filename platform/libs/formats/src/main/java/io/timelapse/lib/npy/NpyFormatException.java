package io.timelapse.lib.npy;

import java.io.IOException;

/** A {@code .npy} or {@code .npz} file that is corrupt, truncated or uses a feature this library does not read. */
public final class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public NpyFormatException(String source, String message) {
        super(source + ": " + message);
    }

    public NpyFormatException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
