package io.timelapse.plugin.dsb.ngram.data;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;

/**
 * Token data as a list of sequences whose consecutive pairs are counted: the rows of a training set, the documents of
 * a Megatron dataset, or the chunks of one token stream.
 */
public interface TokenSequences extends Closeable {

    /** What the data is, for messages and provenance. */
    String describe();

    /** Every file the tokens are read from. */
    List<Path> files();

    long count();

    int length(long index);

    /** Copies sequence {@code index} into {@code tokens}, which holds at least {@link #length} ints. */
    void read(long index, int[] tokens);

    /** The longest sequence, so one buffer holds any of them. */
    int maxLength();

    /** The number of consecutive pairs counted over all sequences. */
    long pairCount();
}
