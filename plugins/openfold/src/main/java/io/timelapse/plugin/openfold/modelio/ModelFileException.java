package io.timelapse.plugin.openfold.modelio;

/**
 * A weights or features file that cannot be used: unreadable as its format, or not fitting the model
 * (a missing, mis-shaped or unexpected tensor, a missing feature). The message is one line that
 * names the file and, where there is one, the tensor or feature; a command reports it as a bad
 * value of the option that named the file.
 */
public final class ModelFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
