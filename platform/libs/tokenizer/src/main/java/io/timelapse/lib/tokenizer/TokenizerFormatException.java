package io.timelapse.lib.tokenizer;

import java.io.IOException;

/** A {@code tokenizer.json} that is malformed or uses a feature this implementation lacks. */
public final class TokenizerFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;

    public TokenizerFormatException(String source, String field, String problem) {
        super(source + ": field '" + field + "': " + problem);
        this.source = source;
        this.field = field;
    }

    public TokenizerFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.field = null;
    }

    /** The file or resource the tokenizer was read from. */
    public String source() {
        return source;
    }

    /** The JSON path of the offending field, such as {@code model.type}; null if not about one field. */
    public String field() {
        return field;
    }
}
