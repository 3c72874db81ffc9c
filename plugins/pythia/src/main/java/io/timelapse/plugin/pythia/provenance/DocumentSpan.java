package io.timelapse.plugin.pythia.provenance;

import io.timelapse.api.data.SourceSpan;

/**
 * A stretch of one source document inside a sample: tokens {@code [start, end)} of document
 * (item) {@code document} fill positions {@code [rowOffset, rowOffset + end − start)} of the row.
 * {@code docIdxPosition} is where that document sits in the shuffled doc_idx, which tells which
 * epoch's copy it is only through the shuffle.
 */
public record DocumentSpan(long document, long docIdxPosition, int start, int end, int rowOffset, int documentLength) {

    public int length() {
        return end - start;
    }

    /** Whether the span covers the document's first token. */
    public boolean startsDocument() {
        return start == 0;
    }

    /** Whether the span covers the document's last token (the EOD in Pythia's data). */
    public boolean endsDocument() {
        return end == documentLength;
    }

    /** The span as the training-data API gives it. */
    public SourceSpan toSourceSpan() {
        return new SourceSpan(document, start, rowOffset, length(), endsDocument());
    }
}
