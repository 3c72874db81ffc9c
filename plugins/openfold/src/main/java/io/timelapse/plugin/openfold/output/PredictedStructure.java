package io.timelapse.plugin.openfold.output;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;

/**
 * One predicted chain as the structure writers need it: {@code aatype [N]} (AF2 order, 20 = UNK),
 * the residue numbers to print {@code [N]}, {@code atom37Positions [N,37,3]} and {@code atom37Mask
 * [N,37]} flattened C-order (an atom is written where its mask exceeds 0.5, as OpenFold does), and
 * the per-residue pLDDT {@code [N]} on OpenFold's 0–100 scale.
 */
public record PredictedStructure(int[] aatype, int[] residueNumbers, float[] atom37Positions, float[] atom37Mask,
        float[] plddt) {

    public PredictedStructure {
        int n = aatype.length;
        if (residueNumbers.length != n || atom37Positions.length != n * AtomTypes.NUM_ATOM37 * 3
                || atom37Mask.length != n * AtomTypes.NUM_ATOM37 || plddt.length != n) {
            throw new IllegalArgumentException("predicted structure of " + n + " residues: residue numbers "
                    + residueNumbers.length + ", atom37 positions " + atom37Positions.length + " (want " + n * 111
                    + "), atom37 mask " + atom37Mask.length + " (want " + n * 37 + "), pLDDT " + plddt.length);
        }
        for (int restype : aatype) {
            if (restype < 0 || restype > ResidueTypes.UNKNOWN) {
                throw new IllegalArgumentException("aatype " + restype + " is outside 0.." + ResidueTypes.UNKNOWN);
            }
        }
    }

    /**
     * The model's outputs ({@code final_atom_positions [N,37,3]}, {@code final_atom_mask [N,37]}, {@code plddt [N]})
     * with the features' {@code aatype} and 0-based {@code residue_index}, numbered from 1 as AlphaFold's
     * {@code protein.from_prediction} does.
     */
    public static PredictedStructure fromModel(int[] aatype, int[] residueIndex, HostTensor finalAtomPositions,
            HostTensor finalAtomMask, HostTensor plddt) {
        int[] numbers = new int[residueIndex.length];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = residueIndex[i] + 1;
        }
        return new PredictedStructure(aatype, numbers, finalAtomPositions.toFloats(), finalAtomMask.toFloats(), plddt.toFloats());
    }

    public int length() {
        return aatype.length;
    }

    public boolean hasAtom(int residue, int atom37) {
        return atom37Mask[residue * AtomTypes.NUM_ATOM37 + atom37] > 0.5f;
    }

    /** What {@link #forEachAtom} hands on: the residue (0-based), its atom37 slot and the atom's serial (from 1). */
    @FunctionalInterface
    public interface AtomVisitor {
        void atom(int residue, int atom37, int serial);
    }

    /** Visits every present atom, residue by residue in atom37 order; returns the next serial number. */
    public int forEachAtom(AtomVisitor visitor) {
        int serial = 1;
        for (int i = 0; i < length(); i++) {
            for (int atom = 0; atom < AtomTypes.NUM_ATOM37; atom++) {
                if (hasAtom(i, atom)) {
                    visitor.atom(i, atom, serial++);
                }
            }
        }
        return serial;
    }

    /** Coordinate {@code axis} (0..2) of an atom. */
    public float coordinate(int residue, int atom37, int axis) {
        return atom37Positions[(residue * AtomTypes.NUM_ATOM37 + atom37) * 3 + axis];
    }

    /** The element symbol of an atom37 slot: its name's first letter (N, C, O, S). */
    public static String element(int atom37) {
        return AtomTypes.ATOM37[atom37].substring(0, 1);
    }
}
