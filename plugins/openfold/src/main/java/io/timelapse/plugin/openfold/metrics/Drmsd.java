package io.timelapse.plugin.openfold.metrics;

/**
 * Distance RMSD: √(Σ_ij (d_pred − d_true)²·m_i·m_j / (n(n−1))). OpenFold evaluates a batch with n =
 * the smallest number of valid residues in the batch; {@link #batch} reproduces that, {@link
 * #compute} uses the structure's own count.
 */
public final class Drmsd {

    private Drmsd() {}

    public static double compute(double[][] pred, double[][] truth, double[] mask) {
        return compute(pred, truth, mask, Coordinates.count(mask));
    }

    /** dRMSD normalised by n(n−1) for the given n (0 when n ≤ 1). */
    public static double compute(double[][] pred, double[][] truth, double[] mask, double n) {
        Coordinates.checkSameShape(pred, truth, mask);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < truth.length; j++) {
                double d = dist(pred[i], pred[j]) - dist(truth[i], truth[j]);
                sum += d * d * mask[i] * mask[j];
            }
        }
        return n > 1 ? Math.sqrt(sum / (n * (n - 1))) : 0;
    }

    /** Per-structure dRMSD of a batch, each normalised with the batch's smallest valid count. */
    public static double[] batch(double[][][] pred, double[][][] truth, double[][] mask) {
        double n = Double.POSITIVE_INFINITY;
        for (double[] m : mask) {
            n = Math.min(n, Coordinates.count(m));
        }
        double[] out = new double[pred.length];
        for (int b = 0; b < pred.length; b++) {
            out[b] = compute(pred[b], truth[b], mask[b], n);
        }
        return out;
    }

    private static double dist(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
