package io.timelapse.api.compute;

/** Thrown at graph-build time when a gradient is asked through an operation that has none. */
public final class NotDifferentiableException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NotDifferentiableException(String message) {
        super(message);
    }
}
