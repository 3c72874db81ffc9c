package io.timelapse.plugin.dsb.ngram;

/**
 * Bigram counts {@code C[prev][next]} of a token stream, and the unigram and bigram probabilities derived from them
 * as the paper does (unigrams are the row sums of the bigram table).
 */
public record NgramStatistics(double[][] bigramCounts) {

    /** Counts the consecutive pairs of {@code tokens}, whose ids must lie in {@code [0, vocabulary)}. */
    public static NgramStatistics count(long[] tokens, int vocabulary) {
        double[][] counts = new double[vocabulary][vocabulary];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocabulary) {
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i + " is outside the vocabulary of " + vocabulary);
            }
            if (i > 0) {
                counts[(int) tokens[i - 1]][(int) tokens[i]]++;
            }
        }
        return new NgramStatistics(counts);
    }

    public int vocabulary() {
        return bigramCounts.length;
    }

    /** {@code P(token) = sum_next C[token][next] / sum C}. */
    public double[] unigramProbabilities() {
        int v = vocabulary();
        double[] rows = new double[v];
        double total = 0;
        for (int i = 0; i < v; i++) {
            for (double c : bigramCounts[i]) {
                rows[i] += c;
            }
            total += rows[i];
        }
        for (int i = 0; i < v; i++) {
            rows[i] = total == 0 ? 0 : rows[i] / total;
        }
        return rows;
    }

    /** {@code P(next | prev)}: rows normalised to 1, rows without counts all 0. */
    public double[][] bigramProbabilities() {
        int v = vocabulary();
        double[][] probs = new double[v][v];
        for (int i = 0; i < v; i++) {
            double sum = 0;
            for (double c : bigramCounts[i]) {
                sum += c;
            }
            for (int j = 0; j < v; j++) {
                probs[i][j] = sum == 0 ? 0 : bigramCounts[i][j] / sum;
            }
        }
        return probs;
    }
}
