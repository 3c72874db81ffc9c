package io.timelapse.plugin.openfold.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Kabsch superposition (as Biopython's SVDSuperimposer, used by OpenFold's validation metrics):
 * the rotation and translation that best map {@code coords} onto {@code reference} over the
 * masked-in residues, the superimposed coordinates (zero at masked-out residues) and the RMSD.
 */
public record Superposition(double[][] superimposed, double rmsd, double[] rotation, double[] translation) {

    public static Superposition of(double[][] reference, double[][] coords, double[] mask) {
        Coordinates.checkSameShape(coords, reference, mask);
        int n = 0;
        for (double m : mask) {
            if (m > 0) {
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("superposition needs at least one masked-in residue");
        }
        double[] refCentre = centroid(reference, mask, n);
        double[] coordCentre = centroid(coords, mask, n);
        DMatrixRMaj correlation = new DMatrixRMaj(3, 3);
        for (int i = 0; i < reference.length; i++) {
            if (mask[i] <= 0) {
                continue;
            }
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    correlation.add(a, b, (coords[i][a] - coordCentre[a]) * (reference[i][b] - refCentre[b]));
                }
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
        if (!svd.decompose(correlation)) {
            throw new IllegalStateException("SVD of the 3x3 correlation matrix failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        // rot maps row vectors: x_super = (x - c_coord)·rot + c_ref with rot = U·Vᵀ (reflection fixed).
        DMatrixRMaj rot = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(u, v, rot);
        if (CommonOps_DDRM.det(rot) < 0) {
            rot = properRotation(svd, u);
        }
        double[][] out = new double[reference.length][3];
        double sq = 0;
        for (int i = 0; i < reference.length; i++) {
            if (mask[i] <= 0) {
                continue;
            }
            for (int b = 0; b < 3; b++) {
                double s = refCentre[b];
                for (int a = 0; a < 3; a++) {
                    s += (coords[i][a] - coordCentre[a]) * rot.get(a, b);
                }
                out[i][b] = s;
                double d = s - reference[i][b];
                sq += d * d;
            }
        }
        double[] r = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                r[a * 3 + b] = rot.get(b, a);
            }
        }
        double[] t = new double[3];
        for (int b = 0; b < 3; b++) {
            t[b] = refCentre[b];
            for (int a = 0; a < 3; a++) {
                t[b] -= coordCentre[a] * rot.get(a, b);
            }
        }
        return new Superposition(out, Math.sqrt(sq / n), r, t);
    }

    /** Flips the axis of the smallest singular value so the fit is a rotation, not a reflection. */
    private static DMatrixRMaj properRotation(SingularValueDecomposition_F64<DMatrixRMaj> svd, DMatrixRMaj u) {
        double[] singular = svd.getSingularValues();
        int smallest = 0;
        for (int k = 1; k < 3; k++) {
            if (singular[k] < singular[smallest]) {
                smallest = k;
            }
        }
        DMatrixRMaj v = svd.getV(null, false);
        for (int a = 0; a < 3; a++) {
            v.set(a, smallest, -v.get(a, smallest));
        }
        DMatrixRMaj rot = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(u, v, rot);
        return rot;
    }

    private static double[] centroid(double[][] x, double[] mask, int n) {
        double[] c = new double[3];
        for (int i = 0; i < x.length; i++) {
            if (mask[i] > 0) {
                for (int k = 0; k < 3; k++) {
                    c[k] += x[i][k];
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            c[k] /= n;
        }
        return c;
    }
}
