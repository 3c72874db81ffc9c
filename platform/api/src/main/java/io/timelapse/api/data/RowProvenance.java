package io.timelapse.api.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the tokens of training row {@code row} came from: the spans it was cut from, in row order, and where
 * the data stores it on disk when the data knows.
 *
 * @param spans the row's spans, covering it from position 0 without gaps (see {@link SourceSpan})
 * @param documents whether the spans are source documents with offsets; otherwise they are the row's
 *     EOD-separated segments
 * @param byteOffset the row's first byte in the data's token file (over all shards), or {@value SourceSpan#UNKNOWN}
 * @param shard the shard file holding that byte, counted from 0, or -1
 * @since 1.2
 */
public record RowProvenance(long row, List<SourceSpan> spans, boolean documents, long byteOffset, int shard) {

    /** GPT-NeoX's {@code <|endoftext|>}, which ends every document in Pythia's data. */
    public static final int EOD = 0;

    public RowProvenance {
        spans = List.copyOf(spans);
        int at = 0;
        for (SourceSpan span : spans) {
            if (span.rowOffset() != at) {
                throw new IllegalArgumentException("row " + row + ": span at " + span.rowOffset() + " after " + at + " tokens");
            }
            at += span.length();
        }
    }

    /**
     * What the tokens of a row say by themselves: its segments, each ending after an {@link #EOD}.
     *
     * @param tokens the row's tokens, of which the first {@code length} are used
     */
    public static List<SourceSpan> segments(int[] tokens, int length) {
        List<SourceSpan> spans = new ArrayList<>();
        int begin = 0;
        for (int i = 0; i < length; i++) {
            if (tokens[i] == EOD || i == length - 1) {
                spans.add(new SourceSpan(SourceSpan.UNKNOWN, begin == 0 ? SourceSpan.UNKNOWN : 0, begin, i + 1 - begin, tokens[i] == EOD));
                begin = i + 1;
            }
        }
        return spans;
    }
}
