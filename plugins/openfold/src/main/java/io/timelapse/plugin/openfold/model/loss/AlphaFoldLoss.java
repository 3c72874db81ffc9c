package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.config.LossConfig;
import io.timelapse.plugin.openfold.residue.StereoChemicalProps;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenFold's {@code AlphaFoldLoss} (spec §3): every term of the loss config on one example's features and the
 * model's outputs, both by OpenFold's names, combined by {@link WeightedLoss} with the config's weights. Terms
 * whose weight is 0 (in {@code initial_training}: experimentally resolved and the structural violations) are
 * not built unless {@code computeZeroWeightTerms}, which OpenFold always does.
 *
 * <p>Features are one recycling slice (no trailing recycling axis), as OpenFold's training step hands them to
 * the loss; the structure module's outputs ({@code sm_*}) carry their leading layer axis.
 */
public final class AlphaFoldLoss {

    private final Ops ops;
    private final LossConfig config;
    private final boolean computeZeroWeightTerms;

    public AlphaFoldLoss(Ops ops, LossConfig config, boolean computeZeroWeightTerms) {
        this.ops = ops;
        this.config = config;
        this.computeZeroWeightTerms = computeZeroWeightTerms;
    }

    /** The weight of each term in {@code config}. */
    public static Map<LossTerm, Double> weights(LossConfig config) {
        Map<LossTerm, Double> weights = new EnumMap<>(LossTerm.class);
        weights.put(LossTerm.FAPE, config.fape().weight());
        weights.put(LossTerm.SUPERVISED_CHI, config.supervisedChi().weight());
        weights.put(LossTerm.DISTOGRAM, config.distogram().weight());
        weights.put(LossTerm.MASKED_MSA, config.maskedMsa().weight());
        weights.put(LossTerm.PLDDT, config.plddt().weight());
        weights.put(LossTerm.EXPERIMENTALLY_RESOLVED, config.experimentallyResolved().weight());
        weights.put(LossTerm.VIOLATION, config.violation().weight());
        return weights;
    }

    /**
     * The loss of {@code outputs} against {@code batch}; {@code cropLength} is the number of residues N of the
     * example, the cap of OpenFold's √min(seq_length, crop) scaling.
     */
    public Result apply(Map<String, Tensor> batch, Map<String, Tensor> outputs, long cropLength) {
        if (config.violation().averageClashes()) {
            throw new IllegalArgumentException("loss.violation.average_clashes = true is not supported; OpenFold's configs use false");
        }
        Named b = new Named("feature", batch);
        Named out = new Named("model output", outputs);
        Map<String, Tensor> details = new LinkedHashMap<>();
        WeightedLoss loss = new WeightedLoss(ops, weights(config), !computeZeroWeightTerms);
        loss.add(LossTerm.FAPE, () -> fape(b, out, details));
        LossConfig.SupervisedChi chi = config.supervisedChi();
        loss.add(LossTerm.SUPERVISED_CHI, () -> new SupervisedChiLoss(ops, chi.chiWeight(), chi.angleNormWeight(), chi.eps())
                .loss(out.get("sm_angles"), out.get("sm_unnormalized_angles"), b.get("aatype"), b.get("seq_mask"), b.get("chi_mask"),
                        b.get("chi_angles_sin_cos")));
        LossConfig.Distogram d = config.distogram();
        loss.add(LossTerm.DISTOGRAM, () -> new DistogramLoss(ops, d.minBin(), d.maxBin(), d.noBins(), d.eps())
                .loss(out.get("distogram_logits"), b.get("pseudo_beta"), b.get("pseudo_beta_mask")));
        LossConfig.MaskedMsa m = config.maskedMsa();
        loss.add(LossTerm.MASKED_MSA, () -> new MaskedMsaLoss(ops, m.numClasses(), m.eps())
                .loss(out.get("masked_msa_logits"), b.get("true_msa"), b.get("bert_mask")));
        LossConfig.Plddt p = config.plddt();
        loss.add(LossTerm.PLDDT, () -> new PlddtLoss(ops, p.cutoff(), p.noBins(), p.minResolution(), p.maxResolution(), p.eps())
                .loss(out.get("lddt_logits"), out.get("final_atom_positions"), b.get("all_atom_positions"), b.get("all_atom_mask"),
                        b.get("resolution")));
        LossConfig.ExperimentallyResolved e = config.experimentallyResolved();
        loss.add(LossTerm.EXPERIMENTALLY_RESOLVED, () -> new ExperimentallyResolvedLoss(ops, e.minResolution(), e.maxResolution(), e.eps())
                .loss(out.get("experimentally_resolved_logits"), b.get("atom37_atom_exists"), b.get("all_atom_mask"), b.get("resolution")));
        loss.add(LossTerm.VIOLATION, () -> violation(b, out, details));
        WeightedLoss.Total total = loss.total(b.get("seq_length"), cropLength, out.get("final_atom_positions").dtype());
        return new Result(total, Collections.unmodifiableMap(details));
    }

    /**
     * The combined loss and, by OpenFold's names, the parts of built terms: {@code fape_backbone},
     * {@code fape_sidechain}, {@code renamed_atom14_gt_positions}, {@code renamed_atom14_gt_exists},
     * {@code alt_naming_is_better} and the {@code violation.*} components.
     */
    public record Result(WeightedLoss.Total total, Map<String, Tensor> details) {}

    private Tensor fape(Named b, Named out, Map<String, Tensor> details) {
        LossConfig.Fape f = config.fape();
        Tensor backbone = new BackboneLoss(ops, f.backboneClampDistance(), f.backboneLossUnitDistance(), f.eps())
                .loss(out.get("sm_frames"), b.get("backbone_rigid_tensor"), b.get("backbone_rigid_mask"), b.get("use_clamped_fape"));
        Tensor positions = out.get("sm_positions");
        RenamedGroundTruth.Renamed renamed = new RenamedGroundTruth(ops, RenamedGroundTruth.EPS).of(lastLayer(positions),
                b.get("atom14_gt_positions"), b.get("atom14_alt_gt_positions"), b.get("atom14_gt_exists"), b.get("atom14_alt_gt_exists"),
                b.get("atom14_atom_is_ambiguous"));
        Tensor sidechain = new SidechainFape(ops, f.sidechainClampDistance(), f.sidechainLengthScale(), f.eps()).loss(
                out.get("sm_sidechain_frames"), positions, b.get("rigidgroups_gt_frames"), b.get("rigidgroups_alt_gt_frames"),
                b.get("rigidgroups_gt_exists"), renamed);
        details.put("fape_backbone", backbone);
        details.put("fape_sidechain", sidechain);
        details.put("renamed_atom14_gt_positions", renamed.positions());
        details.put("renamed_atom14_gt_exists", renamed.exists());
        details.put("alt_naming_is_better", renamed.altNamingIsBetter());
        return new FapeLoss(ops, f.backboneWeight(), f.sidechainWeight()).loss(backbone, sidechain);
    }

    private Tensor violation(Named b, Named out, Map<String, Tensor> details) {
        LossConfig.Violation v = config.violation();
        StructuralViolations violations = new StructuralViolations(ops, StereoChemicalProps.bundled(), v.violationToleranceFactor(),
                v.clashOverlapTolerance());
        Tensor atomMask = b.get("atom14_atom_exists");
        StructuralViolations.Violations found = violations.find(lastLayer(out.get("sm_positions")), atomMask, b.get("residue_index"),
                b.get("aatype"));
        details.put("violation.bonds_c_n_loss_mean", found.bondsCNLossMean());
        details.put("violation.angles_ca_c_n_loss_mean", found.anglesCaCNLossMean());
        details.put("violation.angles_c_n_ca_loss_mean", found.anglesCNCaLossMean());
        details.put("violation.clashes_per_atom_loss_sum", found.clashesPerAtomLossSum());
        details.put("violation.within_residues_per_atom_loss_sum", found.withinResiduesPerAtomLossSum());
        return violations.loss(found, atomMask);
    }

    /** The last structure-module layer of a trajectory [layers, ...]. */
    private Tensor lastLayer(Tensor trajectory) {
        return Axes.select(ops, trajectory, 0, -1);
    }

    /** Tensors by OpenFold name, refusing a missing one by name. */
    private record Named(String kind, Map<String, Tensor> tensors) {
        Tensor get(String name) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("the loss needs the " + kind + " " + name + ", which is missing");
            }
            return t;
        }
    }
}
