package io.timelapse.plugin.openfold.model;

/** A module's files (meta.json, inputs or weights) are missing or do not fit the module; the message names the file. */
public final class ModuleFilesException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ModuleFilesException(String message) {
        super(message);
    }
}
