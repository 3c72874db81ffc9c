package io.timelapse.plugin.dsb.ngram;

/** A token id outside the vocabulary the statistics are counted over. */
public final class TokenOutOfRangeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final long token;
    private final int position;

    public TokenOutOfRangeException(long token, int position, int vocabulary) {
        super("token id " + token + " at position " + position + " is not below the vocabulary size " + vocabulary);
        this.token = token;
        this.position = position;
    }

    public long token() {
        return token;
    }

    /** The position within the sequence being counted. */
    public int position() {
        return position;
    }
}
