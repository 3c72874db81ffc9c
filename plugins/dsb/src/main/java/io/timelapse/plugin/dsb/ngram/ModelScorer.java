package io.timelapse.plugin.dsb.ngram;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.run.Progress;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * What the paper measures of one checkpoint: the mean next-token cross-entropy on n-gram sequences, and the KL and JS
 * divergences between the n-gram conditionals and the model's next-token distribution on real text. As in the paper
 * only the first {@code vocabulary} logits are used (Pythia pads its output layer past the tokenizer's 50277 ids), and
 * every mean is over all scored positions in float64.
 */
public final class ModelScorer {

    private final LanguageModel model;
    private final int vocabulary;
    private final int batch;

    /**
     * @param batch sequences per forward pass
     */
    public ModelScorer(LanguageModel model, int vocabulary, int batch) {
        if (model.config().vocabSize() < vocabulary) {
            throw new IllegalArgumentException("the model predicts " + model.config().vocabSize() + " token ids, fewer than the vocabulary of "
                    + vocabulary);
        }
        this.model = model;
        this.vocabulary = vocabulary;
        this.batch = batch;
    }

    /** Divergences of one checkpoint from the unigram and the bigram model, in nats, averaged over positions. */
    public record Divergence(double unigramKl, double unigramJs, double bigramKl, double bigramJs, long positions, long bigramPositions) {}

    /**
     * The mean of {@code -log p(tokens[t+1] | tokens[..t])} over positions {@code t = 0 … length-2} of every sequence:
     * the paper's loss on positions 1..end. The model reads the first {@code length - 1} tokens, the last only being a target.
     */
    public double meanLoss(int[] sequences, int count, int length, Progress progress) {
        double sum = 0;
        for (int from = 0; from < count; from += batch) {
            int rows = Math.min(batch, count - from);
            int inputs = length - 1;
            int[] window = new int[rows * inputs];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(sequences, (from + r) * length, window, r * inputs, inputs);
            }
            try (HostTensor logits = model.logits(HostTensor.of(window, rows, inputs))) {
                FloatBuffer values = logits.buffer().asFloatBuffer();
                int modelVocab = Math.toIntExact(logits.shape().dim(2));
                int first = from;
                sum += IntStream.range(0, rows * inputs).parallel().mapToDouble(p -> {
                    int r = p / inputs;
                    int target = sequences[(first + r) * length + p % inputs + 1];
                    double[] logProbs = logSoftmax(values, (long) p * modelVocab);
                    return -logProbs[target];
                }).sum();
            }
            progress.advance(rows);
        }
        return sum / ((double) count * (length - 1));
    }

    /** KL and JS between the n-gram conditionals and the model at every position of the real text windows. */
    public Divergence divergences(NgramStatistics stats, int[] windows, int count, int width, Progress progress) {
        int[] unigramIds = IntStream.range(0, vocabulary).filter(t -> stats.unigramCount(t) > 0).toArray();
        long[] unigramCounts = Arrays.stream(unigramIds).mapToLong(stats::unigramCount).toArray();
        double[] sums = new double[4];
        long bigramPositions = 0;
        for (int from = 0; from < count; from += batch) {
            int rows = Math.min(batch, count - from);
            int[] tokens = Arrays.copyOfRange(windows, from * width, (from + rows) * width);
            try (HostTensor logits = model.logits(HostTensor.of(tokens, rows, width))) {
                FloatBuffer values = logits.buffer().asFloatBuffer();
                int modelVocab = Math.toIntExact(logits.shape().dim(2));
                double[][] perPosition = IntStream.range(0, rows * width).parallel().mapToObj(p -> {
                    double[] logP = logSoftmax(values, (long) p * modelVocab);
                    int prev = tokens[p];
                    double uniKl = Divergences.klFromCounts(unigramIds, unigramCounts, 0, unigramIds.length, stats.total(), logP);
                    double uniJs = Divergences.jsFromCounts(unigramIds, unigramCounts, 0, unigramIds.length, stats.total(), logP);
                    if (stats.unigramCount(prev) == 0) {
                        return new double[] {uniKl, uniJs, 0, 0, 0};
                    }
                    int[] next = stats.nextView();
                    long[] counts = stats.countsView();
                    return new double[] {uniKl, uniJs,
                        Divergences.klFromCounts(next, counts, stats.rowFrom(prev), stats.rowTo(prev), stats.unigramCount(prev), logP),
                        Divergences.jsFromCounts(next, counts, stats.rowFrom(prev), stats.rowTo(prev), stats.unigramCount(prev), logP), 1};
                }).toArray(double[][]::new);
                for (double[] d : perPosition) {
                    for (int k = 0; k < 4; k++) {
                        sums[k] += d[k];
                    }
                    bigramPositions += (long) d[4];
                }
            }
            progress.advance(rows);
        }
        long positions = (long) count * width;
        return new Divergence(sums[0] / positions, sums[1] / positions, bigramPositions == 0 ? Double.NaN : sums[2] / bigramPositions,
                bigramPositions == 0 ? Double.NaN : sums[3] / bigramPositions, positions, bigramPositions);
    }

    /** {@code log_softmax} of the first {@code vocabulary} logits starting at {@code offset}, in float64. */
    private double[] logSoftmax(FloatBuffer values, long offset) {
        int base = Math.toIntExact(offset);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < vocabulary; j++) {
            max = Math.max(max, values.get(base + j));
        }
        double sum = 0;
        for (int j = 0; j < vocabulary; j++) {
            sum += Math.exp(values.get(base + j) - max);
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[vocabulary];
        for (int j = 0; j < vocabulary; j++) {
            out[j] = values.get(base + j) - logZ;
        }
        return out;
    }
}
