package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.geometry.Rigid;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.LiteratureGeometry;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.residue.SideChains;
import java.util.List;

/**
 * The structure module's all-atom geometry in the graph (OpenFold's feats.py): the 8 rigid-group frames of
 * each residue from its backbone frame and torsion angles, the atom14 positions of the literature geometry in
 * those frames, and the atom14 → atom37 layout. The per-restype tables (21 rows, X included) are graph
 * constants made once; a residue's rows are picked with {@code aatype}, and per-atom choices among frames
 * or atom slots are 0/1 selection matrices, so every output is an exact copy of one input term.
 */
public final class AllAtoms {

    private static final int RESTYPES = ResidueTypes.NUM_STANDARD + 1;
    private static final int GROUPS = SideChains.NUM_GROUPS;
    private static final int ATOM14 = AtomTypes.NUM_ATOM14;
    private static final int ATOM37 = AtomTypes.NUM_ATOM37;

    private final Ops ops;
    private final DType dtype;
    /** [21, 8, 3, 3] and [21, 8, 3]: each group's default frame relative to its parent, zero where OpenFold's is. */
    private final Tensor defaultRotation;
    private final Tensor defaultTranslation;
    /** [21, 14, 8]: one-hot rigid group of each atom14 slot. */
    private final Tensor atom14Group;
    /** [21, 14, 3]: literature positions in the group frame. */
    private final Tensor literaturePositions;
    private final Tensor atom14Mask;
    /** [21, 37, 14]: which atom14 slot fills each existing atom37 type (rows of absent types are zero). */
    private final Tensor atom37FromAtom14;
    private final Tensor atom37Mask;

    public AllAtoms(Ops ops, DType dtype) {
        this.ops = ops;
        this.dtype = dtype;
        double[] rotations = new double[RESTYPES * GROUPS * 9];
        double[] translations = new double[RESTYPES * GROUPS * 3];
        double[] groups = new double[RESTYPES * ATOM14 * GROUPS];
        double[] positions = new double[RESTYPES * ATOM14 * 3];
        double[] mask14 = new double[RESTYPES * ATOM14];
        double[] select37 = new double[RESTYPES * ATOM37 * ATOM14];
        double[] mask37 = new double[RESTYPES * ATOM37];
        for (int r = 0; r < RESTYPES; r++) {
            for (int g = 0; g < GROUPS; g++) {
                if (LiteratureGeometry.hasDefaultFrame(r, g)) {
                    Rigid frame = LiteratureGeometry.defaultFrame(r, g);
                    int at = r * GROUPS + g;
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            rotations[at * 9 + i * 3 + j] = frame.rotation().get(i, j);
                        }
                    }
                    translations[at * 3] = frame.translation().x();
                    translations[at * 3 + 1] = frame.translation().y();
                    translations[at * 3 + 2] = frame.translation().z();
                }
            }
            for (int slot = 0; slot < ATOM14; slot++) {
                int at = r * ATOM14 + slot;
                groups[at * GROUPS + LiteratureGeometry.atom14Group(r, slot)] = 1;
                positions[at * 3] = LiteratureGeometry.atom14Position(r, slot).x();
                positions[at * 3 + 1] = LiteratureGeometry.atom14Position(r, slot).y();
                positions[at * 3 + 2] = LiteratureGeometry.atom14Position(r, slot).z();
                mask14[at] = AtomTypes.atom14Exists(r, slot);
            }
            for (int atom = 0; atom < ATOM37; atom++) {
                mask37[r * ATOM37 + atom] = AtomTypes.atom37Exists(r, atom);
                select37[(r * ATOM37 + atom) * ATOM14 + AtomTypes.atom37ToAtom14(r, atom)] = mask37[r * ATOM37 + atom];
            }
        }
        defaultRotation = constant(rotations, RESTYPES, GROUPS, 3, 3);
        defaultTranslation = constant(translations, RESTYPES, GROUPS, 3);
        atom14Group = constant(groups, RESTYPES, ATOM14, GROUPS);
        literaturePositions = constant(positions, RESTYPES, ATOM14, 3);
        atom14Mask = constant(mask14, RESTYPES, ATOM14);
        atom37FromAtom14 = constant(select37, RESTYPES, ATOM37, ATOM14);
        atom37Mask = constant(mask37, RESTYPES, ATOM37);
    }

    /**
     * OpenFold's {@code torsion_angles_to_frames}: backbone frames [*, N] (Å), torsion angles as (sin, cos)
     * [*, N, 7, 2] (ω, φ, ψ, χ1..χ4) and restypes [*, N] int32 → the 8 rigid-group frames [*, N, 8] in
     * global coordinates. Each group is its default frame rotated about x by its angle (group 0 by none),
     * chi2..chi4 chained onto the previous chi, then all placed by the backbone frame.
     */
    public Frames torsionAnglesToFrames(Frames backbone, Tensor anglesSinCos, Tensor aatype) {
        long[] dims = Axes.requireTrailing(anglesSinCos, 3, 2, "all atoms", "a torsion angle (sin, cos) tensor");
        if (dims[dims.length - 2] != GROUPS - 1) {
            throw new IllegalArgumentException("all atoms: torsion angles must have " + (GROUPS - 1)
                    + " angles per residue, not " + anglesSinCos.shape());
        }
        List<Tensor> sinCos = ops.split(anglesSinCos, -1, 1, 1);
        // The backbone group's "angle" is (sin 0, cos 0), so its torsion rotation is the identity.
        Tensor sin = ops.pad(sinCos.get(0), groupPadding(dims.length), 0);
        Tensor cos = ops.pad(sinCos.get(1), groupPadding(dims.length), 1);
        // zerosLike + 1, not onesLike: TensorFlow has no gradient for OnesLike, and sin is on the loss's gradient path.
        Tensor one = ops.add(ops.zerosLike(sin), ops.scalar(1, sin.dtype()));
        Tensor zero = ops.zerosLike(sin);
        Tensor torsion = ops.concat(-1, List.of(one, zero, zero, zero, cos, ops.neg(sin), zero, sin, cos));
        torsion = ops.reshape(torsion, Axes.leadingThen(dims, dims.length - 2, GROUPS, 3, 3));
        Tensor defaultR = ops.gather(defaultRotation, aatype, 0);
        Tensor defaultT = ops.gather(defaultTranslation, aatype, 0);
        Frames toParent = new Frames(ops, ops.matmul(defaultR, torsion, false, false), defaultT);
        List<Frames> parts = toParent.split(5, 1, 1, 1);
        Frames chi2 = parts.get(0).split(4, 1).get(1).compose(parts.get(1));
        Frames chi3 = chi2.compose(parts.get(2));
        Frames chi4 = chi3.compose(parts.get(3));
        Frames toBackbone = Frames.concat(ops, List.of(parts.get(0), chi2, chi3, chi4));
        return backbone.expandDims(1).compose(toBackbone);
    }

    /**
     * OpenFold's {@code frames_and_literature_positions_to_atom14_pos}: each atom's literature position
     * placed by its rigid group's frame, for group frames [*, N, 8] and restypes [*, N] → [*, N, 14, 3],
     * zero where the atom does not exist.
     */
    public Tensor atom14Positions(Frames groupFrames, Tensor aatype) {
        long[] dims = Axes.dims(groupFrames.translation(), "all atoms", "the group frames");
        int lead = dims.length - 2;
        Tensor select = ops.gather(atom14Group, aatype, 0);
        Tensor rotations = ops.reshape(groupFrames.rotation(), Axes.leadingThen(dims, lead, GROUPS, 9));
        Tensor atomRotations = ops.reshape(ops.matmul(select, rotations, false, false), Axes.leadingThen(dims, lead, ATOM14, 3, 3));
        Frames atomFrames = new Frames(ops, atomRotations, ops.matmul(select, groupFrames.translation(), false, false));
        Tensor positions = atomFrames.apply(ops.gather(literaturePositions, aatype, 0));
        return ops.mul(positions, ops.expandDims(ops.gather(atom14Mask, aatype, 0), -1));
    }

    /** OpenFold's {@code atom14_to_atom37}: positions [*, N, 14, 3] → [*, N, 37, 3], zero where the atom does not exist. */
    public Tensor atom14ToAtom37(Tensor atom14, Tensor aatype) {
        Axes.requireTrailing(atom14, 3, 3, "all atoms", "an atom14 position tensor");
        return ops.matmul(ops.gather(atom37FromAtom14, aatype, 0), atom14, false, false);
    }

    /** Which atom37 types each residue has, [*, N, 37] ({@code atom37_atom_exists}). */
    public Tensor atom37Exists(Tensor aatype, DType dtype) {
        return ops.cast(ops.gather(atom37Mask, aatype, 0), dtype);
    }

    /** Which atom14 slots each residue fills, [*, N, 14] ({@code atom14_atom_exists}). */
    public Tensor atom14Exists(Tensor aatype, DType dtype) {
        return ops.cast(ops.gather(atom14Mask, aatype, 0), dtype);
    }

    /** OpenFold's {@code pseudo_beta_fn}: CB, or CA for glycine, of atom37 positions [*, N, 37, 3] → [*, N, 3]. */
    public Tensor pseudoBeta(Tensor atom37, Tensor aatype) {
        Axes.requireTrailing(atom37, 3, 3, "all atoms", "an atom37 position tensor");
        List<Tensor> atoms = ops.split(atom37, -2, AtomTypes.CA, 1, AtomTypes.CB - AtomTypes.CA - 1, 1, ATOM37 - AtomTypes.CB - 1);
        Tensor glycine = ops.equal(aatype, ops.cast(ops.constant(HostTensor.scalar(ResidueTypes.GLYCINE)), aatype.dtype()));
        return ops.where(ops.expandDims(glycine, -1), ops.squeeze(atoms.get(1), -2), ops.squeeze(atoms.get(3), -2));
    }

    private Tensor constant(double[] values, long... dims) {
        return ops.constant(HostTensor.fromDoubles(dtype, Shape.of(dims), values));
    }

    /** Pads the angle axis of a [*, N, 7, 1] tensor with the backbone group in front. */
    private static long[][] groupPadding(int rank) {
        long[][] paddings = new long[rank][2];
        paddings[rank - 2][0] = 1;
        return paddings;
    }
}
