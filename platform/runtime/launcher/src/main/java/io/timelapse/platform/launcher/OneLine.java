package io.timelapse.platform.launcher;

/** An unexpected error as one line a user can act on: its message, or its type when it has none. */
final class OneLine {

    private OneLine() {}

    static String of(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replaceAll("\\s*\\R\\s*", "; ");
        return text + " (--log-level DEBUG shows the details)";
    }
}
