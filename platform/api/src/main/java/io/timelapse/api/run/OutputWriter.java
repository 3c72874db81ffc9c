package io.timelapse.api.run;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a result file's content; the run makes the write atomic. */
@FunctionalInterface
public interface OutputWriter {
    void writeTo(OutputStream out) throws IOException;
}
