package io.timelapse.plugin.pythia.dataset;

import java.util.List;

/** gpt-neox v1.0 {@code BlendableDataset}: several datasets interleaved by {@link BlendingIndices}. */
public final class BlendedDataset implements SampleDataset {

    private final List<GptDataset> datasets;
    private final double[] weights;
    private final long length;
    private BlendingIndices indices;

    /** {@code weights} are normalized again here, as the reference does with {@code np.sum}. */
    public BlendedDataset(List<GptDataset> datasets, double[] weights) {
        if (datasets.isEmpty() || datasets.size() != weights.length) {
            throw new IllegalArgumentException(datasets.size() + " datasets but " + weights.length + " weights");
        }
        int seqLength = datasets.get(0).seqLength();
        long total = 0;
        for (GptDataset dataset : datasets) {
            if (dataset.seqLength() != seqLength) {
                throw new IllegalArgumentException("datasets of different seq_length cannot be blended");
            }
            total += dataset.length();
        }
        this.datasets = List.copyOf(datasets);
        this.weights = Weights.normalizeLikeNumpy(weights);
        this.length = total;
    }

    public List<GptDataset> datasets() {
        return datasets;
    }

    public double[] weights() {
        return weights.clone();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int seqLength() {
        return datasets.get(0).seqLength();
    }

    /** The blending indices, built on first use. */
    public synchronized BlendingIndices indices() {
        if (indices == null) {
            indices = BlendingIndices.build(weights, Math.toIntExact(length));
        }
        return indices;
    }

    /** The dataset and the sample within it that blended sample {@code index} comes from. */
    public Source source(long index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("negative sample index " + index);
        }
        long position = index < length ? index : index % length;
        if (datasets.size() == 1) {
            return new Source(0, position);
        }
        BlendingIndices built = indices();
        return new Source(built.dataset(position), built.sample(position));
    }

    /** A blended sample's origin: dataset number and sample index within that dataset. */
    public record Source(int dataset, long sample) {}

    @Override
    public void readSample(long index, long[] tokens) {
        Source source = source(index);
        datasets.get(source.dataset()).readSample(source.sample(), tokens);
    }

    @Override
    public void readSample(long index, int[] tokens) {
        Source source = source(index);
        datasets.get(source.dataset()).readSample(source.sample(), tokens);
    }
}
