package io.timelapse.platform.launcher;

/** The framework could not be brought up far enough to run a command. */
final class LaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
