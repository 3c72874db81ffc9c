package io.timelapse.plugin.openfold.metrics;

import static io.timelapse.plugin.openfold.testing.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.plugin.openfold.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** lDDT-Cα, dRMSD, Kabsch RMSD and OpenFold-GDT against fixture metrics_lddt_gdt_rmsd (B=2, N=24). */
class MetricsGoldenTest {

    private static final String F = "metrics_lddt_gdt_rmsd";
    private static final int B = 2;
    private static final int N = 24;
    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-4;

    static double[][][] coords(String name) {
        double[] flat = Fixtures.load(F, "input." + name).data();
        double[][][] out = new double[B][N][3];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < 3; k++) {
                    out[b][i][k] = flat[(b * N + i) * 3 + k];
                }
            }
        }
        return out;
    }

    static double[][] mask() {
        double[] flat = Fixtures.load(F, "input.ca_mask").data();
        double[][] out = new double[B][N];
        for (int b = 0; b < B; b++) {
            System.arraycopy(flat, b * N, out[b], 0, N);
        }
        return out;
    }

    private static double[] out(String name) {
        return Fixtures.load(F, "output." + name).data();
    }

    @Test
    void lddtMatchesOpenFold() {
        double[][][] pred = coords("pred_ca");
        double[][][] truth = coords("true_ca");
        double[][] mask = mask();
        double[] perResidue = new double[B * N];
        double[] global = new double[B];
        for (int b = 0; b < B; b++) {
            System.arraycopy(Lddt.perResidue(pred[b], truth[b], mask[b]), 0, perResidue, b * N, N);
            global[b] = Lddt.global(pred[b], truth[b], mask[b]);
        }
        assertClose(out("lddt_ca_per_residue"), perResidue, ATOL, RTOL, "lddt per residue");
        assertClose(out("lddt_ca_global"), global, ATOL, RTOL, "lddt global");
    }

    @Test
    void drmsdSuperpositionAndGdtMatchOpenFold() {
        double[][][] pred = coords("pred_ca");
        double[][][] truth = coords("true_ca");
        double[][] mask = mask();
        double[][][] predMasked = new double[B][][];
        double[][][] trueMasked = new double[B][][];
        for (int b = 0; b < B; b++) {
            predMasked[b] = Coordinates.masked(pred[b], mask[b]);
            trueMasked[b] = Coordinates.masked(truth[b], mask[b]);
        }
        assertClose(out("drmsd"), Drmsd.batch(predMasked, trueMasked, mask), ATOL, RTOL, "drmsd");

        double[] rmsd = new double[B];
        double[] superimposed = new double[B * N * 3];
        double ts = 0;
        double ha = 0;
        for (int b = 0; b < B; b++) {
            Superposition fit = Superposition.of(trueMasked[b], predMasked[b], mask[b]);
            rmsd[b] = fit.rmsd();
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < 3; k++) {
                    superimposed[(b * N + i) * 3 + k] = fit.superimposed()[i][k];
                }
            }
            ts += Gdt.ts(fit.superimposed(), trueMasked[b], mask[b]) / B;
            ha += Gdt.ha(fit.superimposed(), trueMasked[b], mask[b]) / B;
        }
        assertClose(out("superimpose_rmsd"), rmsd, ATOL, RTOL, "rmsd");
        assertClose(out("superimposed_pred"), superimposed, ATOL, RTOL, "superimposed");
        assertEquals(out("gdt_ts")[0], ts, ATOL, "gdt_ts");
        assertEquals(out("gdt_ha")[0], ha, ATOL, "gdt_ha");
    }
}
