package io.timelapse.plugin.openfold.metrics;

/**
 * OpenFold's validation metrics for one chain, computed from Cα coordinates as
 * {@code train_openfold._compute_validation_metrics} does: lDDT-Cα on raw coordinates; dRMSD, the
 * Kabsch fit and GDT on masked coordinates (coords·mask).
 */
public record StructureMetrics(double[] lddtPerResidue, double lddtGlobal, double drmsd, double rmsd,
        double gdtTs, double gdtHa, double[][] superimposed) {

    public static StructureMetrics of(double[][] predCa, double[][] trueCa, double[] mask) {
        Coordinates.checkSameShape(predCa, trueCa, mask);
        double[] perResidue = Lddt.perResidue(predCa, trueCa, mask);
        double global = Lddt.global(predCa, trueCa, mask);
        double[][] pred = Coordinates.masked(predCa, mask);
        double[][] truth = Coordinates.masked(trueCa, mask);
        double drmsd = Drmsd.compute(pred, truth, mask);
        Superposition fit = Superposition.of(truth, pred, mask);
        return new StructureMetrics(perResidue, global, drmsd, fit.rmsd(),
                Gdt.ts(fit.superimposed(), truth, mask), Gdt.ha(fit.superimposed(), truth, mask), fit.superimposed());
    }
}
