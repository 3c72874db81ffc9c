package io.timelapse.plugin.openfold.dynamics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The spread of a set of Cα positions: the shares of their variance on the first, the first two and all three
 * principal axes (eigenvalues λ1 ≥ λ2 ≥ λ3 of the covariance of the centred points: λ1/Σλ, (λ1+λ2)/Σλ, 1), and
 * the radius of gyration √(mean squared distance to the centroid) in Å. All of them are unchanged by a rigid motion.
 * Points that all coincide have no axes: their shares are NaN and their radius of gyration is 0.
 */
public record CaShape(double pc1, double pc12, double pc123, double radiusOfGyration) {

    /** Below this total variance (Å²) the points count as one point. */
    static final double POINT_VARIANCE = 1e-12;

    /** The shape of the {@code [n][3]} points whose {@code mask} entry is above 0 (all of them when mask is null). */
    public static CaShape of(double[][] points, double[] mask) {
        int n = 0;
        double[] centre = new double[3];
        for (int i = 0; i < points.length; i++) {
            if (mask == null || mask[i] > 0) {
                n++;
                for (int a = 0; a < 3; a++) {
                    centre[a] += points[i][a];
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the shape of a structure needs at least one Cα");
        }
        for (int a = 0; a < 3; a++) {
            centre[a] /= n;
        }
        DMatrixRMaj covariance = new DMatrixRMaj(3, 3);
        for (int i = 0; i < points.length; i++) {
            if (mask == null || mask[i] > 0) {
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        covariance.add(a, b, (points[i][a] - centre[a]) * (points[i][b] - centre[b]) / n);
                    }
                }
            }
        }
        double total = covariance.get(0, 0) + covariance.get(1, 1) + covariance.get(2, 2);
        double radius = Math.sqrt(Math.max(total, 0));
        if (total <= POINT_VARIANCE) {
            return new CaShape(Double.NaN, Double.NaN, Double.NaN, radius);
        }
        double[] eigenvalues = eigenvalues(covariance);
        double sum = eigenvalues[0] + eigenvalues[1] + eigenvalues[2];
        return new CaShape(eigenvalues[0] / sum, (eigenvalues[0] + eigenvalues[1]) / sum, 1.0, radius);
    }

    /**
     * How many dimensions the points fill at share {@code threshold}: 0 for a point, 1 when the first axis holds at
     * least that share of the variance, 2 when the first two do, else 3.
     */
    public int dimension(double threshold) {
        if (Double.isNaN(pc1)) {
            return 0;
        }
        if (pc1 >= threshold) {
            return 1;
        }
        return pc12 >= threshold ? 2 : 3;
    }

    /** The covariance's eigenvalues, largest first, negative rounding errors set to 0. */
    private static double[] eigenvalues(DMatrixRMaj covariance) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(3, false, true);
        if (!eigen.decompose(covariance.copy())) {
            throw new IllegalStateException("the eigen decomposition of a 3x3 covariance failed");
        }
        double[] values = new double[3];
        for (int i = 0; i < 3; i++) {
            values[i] = Math.max(eigen.getEigenvalue(i).getReal(), 0);
        }
        java.util.Arrays.sort(values);
        return new double[] {values[2], values[1], values[0]};
    }
}
