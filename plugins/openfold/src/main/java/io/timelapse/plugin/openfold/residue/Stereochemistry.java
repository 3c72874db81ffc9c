package io.timelapse.plugin.openfold.residue;

import java.util.List;

/**
 * The ideal geometry the structural-violation loss checks against (OpenFold's residue constants): the
 * peptide bond between consecutive residues, van der Waals radii by element, and the per-residue atom14
 * distance bounds of {@code make_atom14_dists_bounds}, built from {@link StereoChemicalProps}.
 */
public final class Stereochemistry {

    /** C–N peptide bond length and its standard deviation in Å: [0] to any residue, [1] to a proline. */
    public static final double[] BETWEEN_RES_BOND_LENGTH_C_N = {1.329, 1.341};
    public static final double[] BETWEEN_RES_BOND_LENGTH_STDDEV_C_N = {0.014, 0.016};
    /** Cosine of the angle CA–C–N (116.568° ± 1.995°): mean, standard deviation. */
    public static final double[] BETWEEN_RES_COS_ANGLES_CA_C_N = {-0.4473, 0.0311};
    /** Cosine of the angle C–N–CA (121.352° ± 2.315°): mean, standard deviation. */
    public static final double[] BETWEEN_RES_COS_ANGLES_C_N_CA = {-0.5203, 0.0353};

    /** The table of distance bounds, [21 restypes, 14, 14] row-major, in float as OpenFold keeps them. */
    public record Atom14Bounds(float[] lower, float[] upper) {}

    private Stereochemistry() {}

    /** The van der Waals radius in Å of an element: C, N, O or S (the first letter of an atom name). */
    public static double vanDerWaalsRadius(char element) {
        switch (element) {
            case 'C': return 1.7;
            case 'N': return 1.55;
            case 'O': return 1.52;
            case 'S': return 1.8;
            default: throw new IllegalArgumentException("no van der Waals radius for element " + element);
        }
    }

    /** The radius of the atom in each atom14 slot of each restype, [21, 14] row-major; 0 for empty slots. */
    public static double[] atom14Radii() {
        double[] radii = new double[21 * AtomTypes.NUM_ATOM14];
        for (int restype = 0; restype < ResidueTypes.NUM_STANDARD; restype++) {
            for (int slot = 0; slot < AtomTypes.NUM_ATOM14; slot++) {
                String name = AtomTypes.atom14Name(restype, slot);
                if (!name.isEmpty()) {
                    radii[restype * AtomTypes.NUM_ATOM14 + slot] = vanDerWaalsRadius(name.charAt(0));
                }
            }
        }
        return radii;
    }

    /**
     * OpenFold's {@code make_atom14_dists_bounds}: for every pair of distinct atoms of a residue, at
     * least the sum of their radii minus {@code overlapTolerance} (no upper bound, 1e10); for bonded
     * pairs and the outer atoms of bond angles instead length ± {@code bondLengthToleranceFactor} ×
     * stddev. Restype 20 (X) has all zeros.
     */
    public static Atom14Bounds atom14Bounds(StereoChemicalProps props, double overlapTolerance,
            double bondLengthToleranceFactor) {
        int n = AtomTypes.NUM_ATOM14;
        float[] lower = new float[21 * n * n];
        float[] upper = new float[21 * n * n];
        for (int restype = 0; restype < ResidueTypes.NUM_STANDARD; restype++) {
            int base = restype * n * n;
            for (int i = 0; i < n; i++) {
                String first = AtomTypes.atom14Name(restype, i);
                for (int j = 0; j < n; j++) {
                    String second = AtomTypes.atom14Name(restype, j);
                    if (!first.isEmpty() && !second.isEmpty() && i != j) {
                        lower[base + i * n + j] = (float) (vanDerWaalsRadius(first.charAt(0))
                                + vanDerWaalsRadius(second.charAt(0)) - overlapTolerance);
                        upper[base + i * n + j] = 1e10f;
                    }
                }
            }
            String residue = ResidueTypes.threeLetter(restype);
            for (List<StereoChemicalProps.Bond> bonds : List.of(props.bonds(residue), props.virtualBonds(residue))) {
                for (StereoChemicalProps.Bond bond : bonds) {
                    int i = slot(restype, bond.atom1());
                    int j = slot(restype, bond.atom2());
                    float low = (float) (bond.length() - bondLengthToleranceFactor * bond.stddev());
                    float high = (float) (bond.length() + bondLengthToleranceFactor * bond.stddev());
                    lower[base + i * n + j] = low;
                    lower[base + j * n + i] = low;
                    upper[base + i * n + j] = high;
                    upper[base + j * n + i] = high;
                }
            }
        }
        return new Atom14Bounds(lower, upper);
    }

    private static int slot(int restype, String atom) {
        int slot = AtomTypes.atom14Slot(restype, atom);
        if (slot < 0) {
            throw new IllegalArgumentException(StereoChemicalProps.RESOURCE + ": " + ResidueTypes.threeLetter(restype)
                    + " has no atom " + atom);
        }
        return slot;
    }
}
