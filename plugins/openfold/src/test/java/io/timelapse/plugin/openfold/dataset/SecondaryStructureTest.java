package io.timelapse.plugin.openfold.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import org.junit.jupiter.api.Test;

/** Ideal α-helix and β-strand Cα traces get the expected labels. */
class SecondaryStructureTest {

    private static ProteinChain trace(double[][] ca) {
        int n = ca.length;
        float[] pos = new float[n * 111];
        float[] mask = new float[n * 37];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                pos[i * 111 + AtomTypes.CA * 3 + k] = (float) ca[i][k];
            }
            mask[i * 37 + AtomTypes.CA] = 1f;
            index[i] = i + 1;
        }
        return new ProteinChain("trace", "A", "A".repeat(n), new int[n], pos, mask, index);
    }

    @Test
    void idealHelixIsMostlyAlpha() {
        // α-helix: 3.6 residues per turn (100° per residue), 1.5 Å rise, Cα radius 2.3 Å.
        double[][] ca = new double[30][];
        for (int i = 0; i < 30; i++) {
            double t = Math.toRadians(100 * i);
            ca[i] = new double[] {2.3 * Math.cos(t), 2.3 * Math.sin(t), 1.5 * i};
        }
        SecondaryStructure ss = SecondaryStructure.of(trace(ca));
        assertEquals(1.0, ss.helixFraction(), 1e-12);
        assertEquals(SecondaryStructure.Label.MOSTLY_ALPHA, ss.label());
    }

    @Test
    void idealStrandIsMostlyBeta() {
        // β-strand: about 3.3 Å rise per residue with a ±0.9 Å pleat.
        double[][] ca = new double[30][];
        for (int i = 0; i < 30; i++) {
            ca[i] = new double[] {3.3 * i, i % 2 == 0 ? 0.9 : -0.9, 0};
        }
        SecondaryStructure ss = SecondaryStructure.of(trace(ca));
        assertTrue(ss.strandFraction() > 0.9, "strand fraction " + ss.strandFraction());
        assertEquals(SecondaryStructure.Label.MOSTLY_BETA, ss.label());
    }
}
