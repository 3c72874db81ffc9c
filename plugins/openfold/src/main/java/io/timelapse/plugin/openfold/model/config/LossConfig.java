package io.timelapse.plugin.openfold.model.config;

/** OpenFold's {@code config.loss} (the TM loss is off), one record per term, and the global {@code eps}. */
public record LossConfig(Distogram distogram, ExperimentallyResolved experimentallyResolved, Fape fape, Plddt plddt, MaskedMsa maskedMsa,
        SupervisedChi supervisedChi, Violation violation, double eps) {

    /** {@code loss.distogram}: CE over {@code noBins} bins of pseudo-β distances between {@code minBin} and {@code maxBin} Å. */
    public record Distogram(double minBin, double maxBin, int noBins, double eps, double weight) {}

    /** {@code loss.experimentally_resolved}, counted only for resolutions in [min, max]. */
    public record ExperimentallyResolved(double minResolution, double maxResolution, double eps, double weight) {}

    /** {@code loss.fape}: backbone ({@code fape.backbone.*}) and side-chain ({@code fape.sidechain.*}) FAPE and their sum's weight. */
    public record Fape(double backboneClampDistance, double backboneLossUnitDistance, double backboneWeight, double sidechainClampDistance,
            double sidechainLengthScale, double sidechainWeight, double eps, double weight) {}

    /** {@code loss.plddt_loss}. */
    public record Plddt(double minResolution, double maxResolution, double cutoff, int noBins, double eps, double weight) {}

    /** {@code loss.masked_msa}. */
    public record MaskedMsa(int numClasses, double eps, double weight) {}

    /** {@code loss.supervised_chi}. */
    public record SupervisedChi(double chiWeight, double angleNormWeight, double eps, double weight) {}

    /** {@code loss.violation}. */
    public record Violation(double violationToleranceFactor, double clashOverlapTolerance, boolean averageClashes, double eps,
            double weight) {}

    static LossConfig of(ConfigValues v) {
        String d = "loss.distogram.";
        String er = "loss.experimentally_resolved.";
        String f = "loss.fape.";
        String p = "loss.plddt_loss.";
        String m = "loss.masked_msa.";
        String c = "loss.supervised_chi.";
        String vi = "loss.violation.";
        return new LossConfig(
                new Distogram(v.real(d + "min_bin"), v.real(d + "max_bin"), v.smallInteger(d + "no_bins"), v.real(d + "eps"),
                        v.real(d + "weight")),
                new ExperimentallyResolved(v.real(er + "min_resolution"), v.real(er + "max_resolution"), v.real(er + "eps"),
                        v.real(er + "weight")),
                new Fape(v.real(f + "backbone.clamp_distance"), v.real(f + "backbone.loss_unit_distance"), v.real(f + "backbone.weight"),
                        v.real(f + "sidechain.clamp_distance"), v.real(f + "sidechain.length_scale"), v.real(f + "sidechain.weight"),
                        v.real(f + "eps"), v.real(f + "weight")),
                new Plddt(v.real(p + "min_resolution"), v.real(p + "max_resolution"), v.real(p + "cutoff"), v.smallInteger(p + "no_bins"),
                        v.real(p + "eps"), v.real(p + "weight")),
                new MaskedMsa(v.smallInteger(m + "num_classes"), v.real(m + "eps"), v.real(m + "weight")),
                new SupervisedChi(v.real(c + "chi_weight"), v.real(c + "angle_norm_weight"), v.real(c + "eps"), v.real(c + "weight")),
                new Violation(v.real(vi + "violation_tolerance_factor"), v.real(vi + "clash_overlap_tolerance"),
                        v.flag(vi + "average_clashes"), v.real(vi + "eps"), v.real(vi + "weight")),
                v.real("loss.eps"));
    }
}
