package io.timelapse.plugin.openfold.structure;

import java.io.IOException;
import java.nio.file.Path;

/** A structure file that cannot be read as a protein; the message names the file and the problem. */
public class StructureFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public StructureFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public StructureFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
