package io.timelapse.lib.tokens.megatron;

import java.io.IOException;
import java.nio.file.Path;

/** A Megatron {@code .idx}/{@code .bin} pair that is corrupt, truncated or inconsistent. */
public final class IndexedDatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    public IndexedDatasetException(Path file, String message) {
        super(file + ": " + message);
    }
}
