package io.timelapse.plugin.memorization.analysis;

/**
 * How a predictor's "memorized" labels compare with the target's, over the same rows. Ratios whose
 * denominator is zero are {@code NaN}.
 */
public record Confusion(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    /** Counts the four outcomes of {@code predicted[i]} against {@code actual[i]}. */
    public static Confusion of(boolean[] predicted, boolean[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " rows");
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i]) {
                if (actual[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (actual[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    public long total() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    /** TP / (TP + FP): of what the predictor flags, the share the target memorizes. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN), the true positive rate: of what the target memorizes, the share flagged. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** FP / (FP + TN). */
    public double falsePositiveRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    /** FN / (FN + TP) = 1 − recall. */
    public double falseNegativeRate() {
        return ratio(falseNegatives, falseNegatives + truePositives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
