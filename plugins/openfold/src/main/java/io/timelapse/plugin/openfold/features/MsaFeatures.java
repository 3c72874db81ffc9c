package io.timelapse.plugin.openfold.features;

import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.residue.ResidueTypes;

/**
 * OpenFold's make_msa_features and the deterministic MSA transforms: {@code msa} in HHblits codes
 * (or, after {@link #toAf2Order}, AF2 codes), {@code deletion_matrix}, {@code hhblits_profile},
 * {@code deletion_value = atan(d/3)·2/π} and {@code has_deletion = clamp(d, 0, 1)}.
 */
public final class MsaFeatures {

    private MsaFeatures() {}

    /** make_msa_features: msa [S,N] int32 (HHblits alphabet), deletion_matrix [S,N] int32. */
    public static FeatureSet fromMsa(Msa msa) {
        int s = msa.depth();
        int n = msa.length();
        int[] codes = new int[s * n];
        int[] deletions = new int[s * n];
        for (int row = 0; row < s; row++) {
            String seq = msa.sequences().get(row);
            int[] del = msa.deletions().get(row);
            for (int col = 0; col < n; col++) {
                codes[row * n + col] = ResidueTypes.hhblitsCode(seq.charAt(col));
                deletions[row * n + col] = del[col];
            }
        }
        return new FeatureSet()
                .put("msa", FeatureArray.ofInts(codes, s, n))
                .put("deletion_matrix", FeatureArray.ofInts(deletions, s, n))
                .put("num_alignments", FeatureArray.ofInts(new int[] {s}, 1));
    }

    /** correct_msa_restypes: HHblits codes → AF2 restype codes (gap stays 21). */
    public static int[] toAf2Order(int[] hhblitsCodes) {
        int[] out = new int[hhblitsCodes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ResidueTypes.hhblitsToAf2(hhblitsCodes[i]);
        }
        return out;
    }

    /** Per-column frequency of each of 22 classes over the rows with mask 1 ([N,22]). */
    public static float[] profile(int[] msa, float[] rowMask, int rows, int columns) {
        float[] profile = new float[columns * 22];
        double[] counts = new double[columns * 22];
        double[] weight = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double m = rowMask == null ? 1 : rowMask[r * columns + c];
                counts[c * 22 + msa[r * columns + c]] += m;
                weight[c] += m;
            }
        }
        for (int i = 0; i < profile.length; i++) {
            double w = weight[i / 22];
            profile[i] = w > 0 ? (float) (counts[i] / w) : 0f;
        }
        return profile;
    }

    /** atan(d/3)·2/π for each deletion count. */
    public static float[] deletionValue(int[] deletions) {
        float[] out = new float[deletions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (Math.atan(deletions[i] / 3.0) * (2.0 / Math.PI));
        }
        return out;
    }

    /** atan(d/3)·2/π for real-valued (e.g. mean) deletion counts. */
    public static float[] deletionValue(float[] deletions) {
        float[] out = new float[deletions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (Math.atan(deletions[i] / 3.0) * (2.0 / Math.PI));
        }
        return out;
    }

    public static float[] hasDeletion(int[] deletions) {
        float[] out = new float[deletions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = deletions[i] > 0 ? 1f : 0f;
        }
        return out;
    }
}
