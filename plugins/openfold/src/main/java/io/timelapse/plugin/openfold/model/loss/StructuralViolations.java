package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.StereoChemicalProps;
import io.timelapse.plugin.openfold.residue.Stereochemistry;

/**
 * OpenFold's {@code find_structural_violations} and {@code violation_loss} (AF2 Suppl. 1.9.11) on the
 * predicted atom14 positions of the last structure-module layer: peptide-bond lengths and angles
 * between consecutive residues, clashes between residues, and bond, angle and clash bounds within each
 * residue.
 *
 * <p>Shapes: positions [*, N, 14, 3] (Å), atom14 mask (OpenFold's {@code atom14_atom_exists}) [*, N, 14],
 * residue index and aatype [*, N] (integers).
 */
public final class StructuralViolations {

    /** OpenFold's {@code loss.violation} settings. */
    public static final double VIOLATION_TOLERANCE_FACTOR = 12.0;
    public static final double CLASH_OVERLAP_TOLERANCE = 1.5;
    public static final double EPS = 1e-6;

    /** The components of the violation loss, under OpenFold's names. */
    public record Violations(Tensor bondsCNLossMean, Tensor anglesCaCNLossMean, Tensor anglesCNCaLossMean,
            Tensor connectionsPerResidueLossSum, Tensor clashesMeanLoss, Tensor clashesPerAtomLossSum,
            Tensor withinResiduesPerAtomLossSum) {}

    private final Ops ops;
    private final BetweenResidueBonds bonds;
    private final BetweenResidueClashes clashes;
    private final WithinResidueViolations withinResidues;
    private final HostTensor radii;
    private final HostTensor lowerBounds;
    private final HostTensor upperBounds;

    public StructuralViolations(Ops ops, StereoChemicalProps props, double violationToleranceFactor,
            double clashOverlapTolerance) {
        this.ops = ops;
        this.bonds = new BetweenResidueBonds(ops, violationToleranceFactor);
        this.clashes = new BetweenResidueClashes(ops, clashOverlapTolerance);
        this.withinResidues = new WithinResidueViolations(ops);
        int n = AtomTypes.NUM_ATOM14;
        this.radii = HostTensor.of(Stereochemistry.atom14Radii(), 21, n);
        Stereochemistry.Atom14Bounds bounds = Stereochemistry.atom14Bounds(props, clashOverlapTolerance,
                violationToleranceFactor);
        this.lowerBounds = HostTensor.of(bounds.lower(), 21, n, n);
        this.upperBounds = HostTensor.of(bounds.upper(), 21, n, n);
    }

    /** OpenFold's settings, with the bundled {@code stereo_chemical_props.txt}. */
    public static StructuralViolations openFold(Ops ops) {
        return new StructuralViolations(ops, StereoChemicalProps.bundled(), VIOLATION_TOLERANCE_FACTOR,
                CLASH_OVERLAP_TOLERANCE);
    }

    public Violations find(Tensor positions, Tensor atomMask, Tensor residueIndex, Tensor aatype) {
        DType dtype = positions.dtype();
        Tensor mask = atomMask.dtype() == dtype ? atomMask : ops.cast(atomMask, dtype);
        BetweenResidueBonds.Result connections = bonds.of(positions, mask, residueIndex, aatype);
        Tensor radius = ops.mul(mask, perResidue(radii, aatype, dtype));
        BetweenResidueClashes.Result between = clashes.of(positions, mask, radius, residueIndex);
        Tensor within = withinResidues.perAtomLossSum(positions, mask, perResidue(lowerBounds, aatype, dtype),
                perResidue(upperBounds, aatype, dtype));
        return new Violations(connections.cNLossMean(), connections.caCNLossMean(), connections.cNCaLossMean(),
                connections.perResidueLossSum(), between.meanLoss(), between.perAtomLossSum(), within);
    }

    /**
     * OpenFold's {@code violation_loss} with {@code average_clashes} false: the three bond and angle
     * means plus the clash and within-residue losses summed over all atoms and divided by the number of
     * existing atoms, averaged over the batch axes.
     */
    public Tensor loss(Violations violations, Tensor atomMask) {
        DType dtype = violations.bondsCNLossMean().dtype();
        Tensor mask = atomMask.dtype() == dtype ? atomMask : ops.cast(atomMask, dtype);
        Tensor perAtomClash = ops.add(violations.clashesPerAtomLossSum(), violations.withinResiduesPerAtomLossSum());
        Tensor clash = ops.div(ops.sum(perAtomClash, false), ops.add(ops.scalar(EPS, dtype), ops.sum(mask, false)));
        Tensor loss = ops.add(ops.add(ops.add(violations.bondsCNLossMean(), violations.anglesCaCNLossMean()),
                violations.anglesCNCaLossMean()), clash);
        return ops.mean(loss, false);
    }

    /** The rows of a per-restype table for each residue's aatype, in the graph's float type. */
    private Tensor perResidue(HostTensor table, Tensor aatype, DType dtype) {
        Tensor constant = ops.constant(table);
        return ops.gather(constant.dtype() == dtype ? constant : ops.cast(constant, dtype), aatype, 0);
    }
}
