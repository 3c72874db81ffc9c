package io.timelapse.plugin.openfold.metrics;

/**
 * lDDT as OpenFold computes it for lDDT-Cα: superposition-free; for each residue i, over pairs j ≠
 * i with true distance below the cutoff (15 Å) and both masked in, the mean over thresholds
 * {0.5, 1, 2, 4} Å of |d_true − d_pred| < t. Distances carry OpenFold's eps inside the square root
 * and the normalisation uses eps too (1e-10), so a residue with no scored pair scores 1.
 */
public final class Lddt {

    public static final double DEFAULT_CUTOFF = 15.0;
    public static final double DEFAULT_EPS = 1e-10;
    private static final double[] THRESHOLDS = {0.5, 1.0, 2.0, 4.0};

    private Lddt() {}

    /** The distance-error thresholds in Å; a pair scores the fraction of them its error stays below. */
    public static double[] thresholds() {
        return THRESHOLDS.clone();
    }

    /** Per-residue lDDT of {@code [n][3]} coordinates. */
    public static double[] perResidue(double[][] pred, double[][] truth, double[] mask) {
        return compute(pred, truth, mask, DEFAULT_CUTOFF, DEFAULT_EPS, true);
    }

    /** Global lDDT, normalised over all scored pairs. */
    public static double global(double[][] pred, double[][] truth, double[] mask) {
        return compute(pred, truth, mask, DEFAULT_CUTOFF, DEFAULT_EPS, false)[0];
    }

    public static double[] compute(double[][] pred, double[][] truth, double[] mask, double cutoff, double eps,
            boolean perResidue) {
        Coordinates.checkSameShape(pred, truth, mask);
        int n = truth.length;
        double[] weightSum = new double[n];
        double[] scoreSum = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double dTrue = distance(truth[i], truth[j], eps);
                double weight = (dTrue < cutoff ? 1.0 : 0.0) * mask[i] * mask[j];
                if (weight == 0) {
                    continue;
                }
                double l1 = Math.abs(dTrue - distance(pred[i], pred[j], eps));
                double score = 0;
                for (double t : THRESHOLDS) {
                    if (l1 < t) {
                        score += 0.25;
                    }
                }
                weightSum[i] += weight;
                scoreSum[i] += weight * score;
            }
        }
        if (perResidue) {
            double[] result = new double[n];
            for (int i = 0; i < n; i++) {
                result[i] = (eps + scoreSum[i]) / (eps + weightSum[i]);
            }
            return result;
        }
        double w = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            w += weightSum[i];
            s += scoreSum[i];
        }
        return new double[] {(eps + s) / (eps + w)};
    }

    private static double distance(double[] a, double[] b, double eps) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(eps + dx * dx + dy * dy + dz * dz);
    }
}
