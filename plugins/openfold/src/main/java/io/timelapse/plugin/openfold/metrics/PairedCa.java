package io.timelapse.plugin.openfold.metrics;

import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;

/**
 * The Cα coordinates of paired residues as {@link StructureMetrics} takes them: indexed by true
 * residue, masked in where the pairing pairs the residue and both chains have its Cα.
 */
public record PairedCa(double[][] pred, double[][] truth, double[] mask, int count) {

    public static PairedCa of(ProteinChain pred, ProteinChain truth, ResiduePairing pairing) {
        int n = truth.length();
        double[][] p = new double[n][3];
        double[][] t = new double[n][3];
        double[] mask = new double[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int j = pairing.trueToPred()[i];
            if (j >= 0 && pred.hasAtom(j, AtomTypes.CA) && truth.hasAtom(i, AtomTypes.CA)) {
                pred.atom(j, AtomTypes.CA).writeTo(p[i], 0);
                truth.atom(i, AtomTypes.CA).writeTo(t[i], 0);
                mask[i] = 1;
                count++;
            }
        }
        return new PairedCa(p, t, mask, count);
    }

    public StructureMetrics metrics() {
        return StructureMetrics.of(pred, truth, mask);
    }
}
