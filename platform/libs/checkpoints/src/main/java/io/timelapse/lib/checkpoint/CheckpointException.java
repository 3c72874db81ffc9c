package io.timelapse.lib.checkpoint;

import java.io.IOException;

/** A checkpoint file that is not a complete, intact checkpoint of this format. */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String source, String message) {
        super(source + ": " + message);
    }

    public CheckpointException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
