package io.timelapse.api.data;

/**
 * A stretch of a training row that came from one place: positions {@code [rowOffset, rowOffset + length)}
 * of the row hold tokens {@code [start, start + length)} of document {@code document}.
 *
 * <p>Data that keeps its documents (a GPT-NeoX route with its index maps) knows both numbers. Data that
 * stores only finished rows (a pre-shuffled data set) knows where the EOD tokens are: it gives the
 * EOD-separated segments of the row, each with {@code document} {@value #UNKNOWN}, and {@code start}
 * 0 when the segment follows an EOD inside the row (it opens a document) or {@value #UNKNOWN} when it
 * is the row's first segment, which may continue a document begun before the row.
 *
 * @param document the document's index in its corpus, or {@value #UNKNOWN}
 * @param start the offset of the span's first token within the document, or {@value #UNKNOWN}
 * @param rowOffset where the span begins in the row
 * @param length how many tokens the span covers
 * @param endsDocument whether the span ends with its document's last token (the EOD in Pythia's data)
 * @since 1.2
 */
public record SourceSpan(long document, long start, int rowOffset, int length, boolean endsDocument) {

    /** A document or offset the data does not know. */
    public static final long UNKNOWN = -1;

    public SourceSpan {
        if (document < UNKNOWN || start < UNKNOWN || rowOffset < 0 || length < 1) {
            throw new IllegalArgumentException("invalid span: document " + document + ", start " + start + ", row offset " + rowOffset
                    + ", length " + length);
        }
    }

    /** Whether the span names its document and its offset in it. */
    public boolean documentKnown() {
        return document != UNKNOWN && start != UNKNOWN;
    }
}
