package io.timelapse.plugin.openfold.features;

import java.util.Map;

/**
 * Which axes of each feature are residues (R), cluster MSA rows (M) or extra MSA rows (E), as in
 * OpenFold's feature schema; the basis of cropping and fixed-size padding.
 */
final class FeatureShapes {

    static final char RES = 'R';
    static final char MSA = 'M';
    static final char EXTRA = 'E';
    static final char FIXED = '.';

    private static final Map<String, String> AXES = Map.ofEntries(
            Map.entry("aatype", "R"), Map.entry("residue_index", "R"), Map.entry("seq_mask", "R"),
            Map.entry("between_segment_residues", "R"), Map.entry("all_atom_positions", "R.."),
            Map.entry("all_atom_mask", "R."), Map.entry("atom14_atom_exists", "R."),
            Map.entry("residx_atom14_to_atom37", "R."), Map.entry("residx_atom37_to_atom14", "R."),
            Map.entry("atom37_atom_exists", "R."), Map.entry("atom14_gt_exists", "R."),
            Map.entry("atom14_gt_positions", "R.."), Map.entry("atom14_alt_gt_positions", "R.."),
            Map.entry("atom14_alt_gt_exists", "R."), Map.entry("atom14_atom_is_ambiguous", "R."),
            Map.entry("rigidgroups_gt_frames", "R..."), Map.entry("rigidgroups_gt_exists", "R."),
            Map.entry("rigidgroups_group_exists", "R."), Map.entry("rigidgroups_group_is_ambiguous", "R."),
            Map.entry("rigidgroups_alt_gt_frames", "R..."), Map.entry("torsion_angles_sin_cos", "R.."),
            Map.entry("alt_torsion_angles_sin_cos", "R.."), Map.entry("torsion_angles_mask", "R."),
            Map.entry("pseudo_beta", "R."), Map.entry("pseudo_beta_mask", "R"),
            Map.entry("backbone_rigid_tensor", "R.."), Map.entry("backbone_rigid_mask", "R"),
            Map.entry("chi_angles_sin_cos", "R.."), Map.entry("chi_mask", "R."),
            Map.entry("hhblits_profile", "R."), Map.entry("target_feat", "R."),
            Map.entry("msa", "MR"), Map.entry("deletion_matrix", "MR"), Map.entry("msa_mask", "MR"),
            Map.entry("bert_mask", "MR"), Map.entry("true_msa", "MR"), Map.entry("msa_feat", "MR."),
            Map.entry("extra_msa", "ER"), Map.entry("extra_msa_mask", "ER"),
            Map.entry("extra_deletion_matrix", "ER"), Map.entry("extra_has_deletion", "ER"),
            Map.entry("extra_deletion_value", "ER"));

    private FeatureShapes() {}

    /** The axis kinds of a feature; features not in the schema have none to crop or pad. */
    static String axes(String feature, int rank) {
        String axes = AXES.get(feature);
        return axes != null && axes.length() == rank ? axes : ".".repeat(rank);
    }

    /**
     * A copy of {@code a} with shape {@code newShape}, where element i of the result is element
     * i + offset of the source on every axis; positions outside the source are zero.
     */
    static FeatureArray window(FeatureArray a, int[] newShape, int[] offset) {
        int[] shape = a.shape();
        int size = 1;
        for (int d : newShape) {
            size *= d;
        }
        int rank = shape.length;
        int[] srcStrides = new int[rank];
        int stride = 1;
        for (int k = rank - 1; k >= 0; k--) {
            srcStrides[k] = stride;
            stride *= shape[k];
        }
        boolean isFloat = a.dtype() == FeatureArray.DType.FLOAT32;
        float[] floats = isFloat ? new float[size] : null;
        int[] ints = isFloat ? null : new int[size];
        int[] index = new int[rank];
        for (int flat = 0; flat < size; flat++) {
            int rem = flat;
            for (int k = rank - 1; k >= 0; k--) {
                index[k] = rem % newShape[k];
                rem /= newShape[k];
            }
            int src = 0;
            boolean inside = true;
            for (int k = 0; k < rank; k++) {
                int i = index[k] + offset[k];
                if (i < 0 || i >= shape[k]) {
                    inside = false;
                    break;
                }
                src += i * srcStrides[k];
            }
            if (inside) {
                if (isFloat) {
                    floats[flat] = a.floats()[src];
                } else {
                    ints[flat] = a.ints()[src];
                }
            }
        }
        return isFloat ? FeatureArray.ofFloats(floats, newShape) : FeatureArray.ofInts(ints, newShape);
    }
}
