package io.timelapse.plugin.openfold.dynamics;

import io.timelapse.plugin.openfold.dataset.SecondaryStructure;
import io.timelapse.plugin.openfold.metrics.Lddt;
import io.timelapse.plugin.openfold.output.PredictedStructure;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the probe measures of one prediction of a chain whose true structure is known: the shape of the predicted Cα,
 * lDDT-Cα against the truth over the residues whose Cα the truth has, the Cα secondary-structure assignment of the
 * prediction and its mean pLDDT.
 */
public record ProbeMeasures(CaShape shape, double lddtCa, SecondaryStructure secondaryStructure, double meanPlddt) {

    /** Measures {@code predicted}, a prediction of {@code truth}'s sequence (one residue for each of its residues). */
    public static ProbeMeasures of(PredictedStructure predicted, ProteinChain truth) {
        int n = truth.length();
        if (predicted.length() != n) {
            throw new IllegalArgumentException("a prediction of " + predicted.length() + " residues for a chain of " + n);
        }
        double[][] pred = new double[n][3];
        double[][] real = new double[n][3];
        double[] predMask = new double[n];
        double[] realMask = new double[n];
        float[] positions = new float[n * AtomTypes.NUM_ATOM37 * 3];
        float[] mask = new float[n * AtomTypes.NUM_ATOM37];
        double plddt = 0;
        for (int i = 0; i < n; i++) {
            if (predicted.hasAtom(i, AtomTypes.CA)) {
                predMask[i] = 1;
                mask[i * AtomTypes.NUM_ATOM37 + AtomTypes.CA] = 1;
            }
            for (int a = 0; a < 3; a++) {
                pred[i][a] = predicted.coordinate(i, AtomTypes.CA, a);
                positions[(i * AtomTypes.NUM_ATOM37 + AtomTypes.CA) * 3 + a] = predicted.coordinate(i, AtomTypes.CA, a);
            }
            if (truth.hasAtom(i, AtomTypes.CA)) {
                realMask[i] = 1;
                truth.atom(i, AtomTypes.CA).writeTo(real[i], 0);
            }
            plddt += predicted.plddt()[i];
        }
        double[] scored = new double[n];
        for (int i = 0; i < n; i++) {
            scored[i] = predMask[i] * realMask[i];
        }
        ProteinChain trace = new ProteinChain(truth.source(), truth.chainId(), truth.sequence(), truth.aatype(), positions, mask,
                truth.residueIndex());
        return new ProbeMeasures(CaShape.of(pred, predMask), Lddt.global(pred, real, scored), SecondaryStructure.of(trace),
                n == 0 ? Double.NaN : plddt / n);
    }

    /** The shape and secondary structure of the true structure, the reference the predictions move towards. */
    public static ProbeMeasures truth(ProteinChain truth) {
        int n = truth.length();
        double[][] real = new double[n][3];
        double[] mask = new double[n];
        for (int i = 0; i < n; i++) {
            if (truth.hasAtom(i, AtomTypes.CA)) {
                mask[i] = 1;
                truth.atom(i, AtomTypes.CA).writeTo(real[i], 0);
            }
        }
        return new ProbeMeasures(CaShape.of(real, mask), 1.0, SecondaryStructure.of(truth), Double.NaN);
    }

    /** The shape and secondary structure as {@code run.json} records a true structure's. */
    public Map<String, Object> referenceFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pc1", shape.pc1());
        fields.put("pc1_2", shape.pc12());
        fields.put("radius_of_gyration", shape.radiusOfGyration());
        fields.put("helix", secondaryStructure.helixFraction());
        fields.put("strand", secondaryStructure.strandFraction());
        return fields;
    }
}
