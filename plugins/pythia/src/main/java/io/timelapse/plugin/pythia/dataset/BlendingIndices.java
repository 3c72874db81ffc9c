package io.timelapse.plugin.pythia.dataset;

/**
 * gpt-neox's {@code helpers.build_blending_indices}: for each blended sample t, the dataset whose
 * share lags most ({@code w·max(t, 1) − count}, ties to the lowest index) and that dataset's
 * running sample count.
 */
public final class BlendingIndices {

    private final byte[] datasetIndex;
    private final long[] datasetSampleIndex;

    private BlendingIndices(byte[] datasetIndex, long[] datasetSampleIndex) {
        this.datasetIndex = datasetIndex;
        this.datasetSampleIndex = datasetSampleIndex;
    }

    /** Builds the indices for {@code size} samples; {@code weights} must already be normalized as the caller wants. */
    public static BlendingIndices build(double[] weights, int size) {
        if (weights.length == 0 || weights.length >= 255) {
            throw new IllegalArgumentException("between 1 and 254 datasets can be blended, got " + weights.length);
        }
        byte[] datasetIndex = new byte[size];
        long[] sampleIndex = new long[size];
        long[] counts = new long[weights.length];
        for (int t = 0; t < size; t++) {
            double x = Math.max((double) t, 1.0);
            int best = 0;
            double bestError = weights[0] * x - (double) counts[0];
            for (int d = 1; d < weights.length; d++) {
                double error = weights[d] * x - (double) counts[d];
                if (error > bestError) {
                    bestError = error;
                    best = d;
                }
            }
            datasetIndex[t] = (byte) best;
            sampleIndex[t] = counts[best]++;
        }
        return new BlendingIndices(datasetIndex, sampleIndex);
    }

    public int size() {
        return datasetIndex.length;
    }

    public int dataset(long t) {
        return datasetIndex[Math.toIntExact(t)] & 0xFF;
    }

    public long sample(long t) {
        return datasetSampleIndex[Math.toIntExact(t)];
    }

    /** The uint8 {@code dataset_index} array. Shared, not copied. */
    public byte[] datasetIndex() {
        return datasetIndex;
    }

    /** The int64 {@code dataset_sample_index} array. Shared, not copied. */
    public long[] datasetSampleIndex() {
        return datasetSampleIndex;
    }
}
