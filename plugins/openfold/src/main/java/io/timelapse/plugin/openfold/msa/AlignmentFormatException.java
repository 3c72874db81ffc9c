package io.timelapse.plugin.openfold.msa;

import java.io.IOException;

/** An alignment that cannot be used; the message names the file (or source) and the problem. */
public class AlignmentFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public AlignmentFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
