package io.timelapse.plugin.pythia.dataset;

/** Samples of {@code seqLength + 1} tokens in training order, as a gpt-neox dataset serves them. */
public interface SampleDataset {

    /** {@code len(dataset)} as gpt-neox reports it. */
    long length();

    int seqLength();

    /** Tokens per sample: {@code seqLength + 1}. */
    default int sampleLength() {
        return seqLength() + 1;
    }

    /** Copies sample {@code index} ({@code dataset[index]}, including gpt-neox's wrap-around) into {@code tokens}. */
    void readSample(long index, long[] tokens);

    void readSample(long index, int[] tokens);

    default long[] sample(long index) {
        long[] tokens = new long[sampleLength()];
        readSample(index, tokens);
        return tokens;
    }
}
