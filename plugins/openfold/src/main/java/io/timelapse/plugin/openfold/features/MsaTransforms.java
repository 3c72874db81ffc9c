package io.timelapse.plugin.openfold.features;

import io.timelapse.plugin.openfold.residue.ResidueTypes;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * OpenFold's ensembled (stochastic) MSA transforms, driven by a seeded generator so that a seed
 * reproduces a sample exactly. The random draws are not torch's, so samples differ from OpenFold's
 * while following the same distributions.
 */
final class MsaTransforms {

    private static final int CLASSES = 23;

    private MsaTransforms() {}

    /** block_delete_msa: remove {@code blocks} blocks of ⌊fraction·S⌋ consecutive rows; row 0 is kept. */
    static MsaRows blockDelete(MsaRows rows, double fraction, int blocks, SplittableRandom rnd) {
        int s = rows.size();
        int blockRows = (int) Math.floor(s * fraction);
        TreeSet<Integer> deleted = new TreeSet<>();
        for (int b = 0; b < blocks; b++) {
            int start = rnd.nextInt(s);
            for (int k = 0; k < blockRows; k++) {
                deleted.add(Math.min(start + k, s - 1));
            }
        }
        deleted.remove(0);
        int[] keep = new int[s - deleted.size()];
        int n = 0;
        for (int r = 0; r < s; r++) {
            if (!deleted.contains(r)) {
                keep[n++] = r;
            }
        }
        return rows.select(keep);
    }

    /** sample_msa: the query plus a random subset as cluster centres; [0] = clusters, [1] = the rest. */
    static MsaRows[] sample(MsaRows rows, int maxClusters, SplittableRandom rnd) {
        int s = rows.size();
        int[] order = new int[s];
        for (int i = 0; i < s; i++) {
            order[i] = i;
        }
        shuffle(order, 1, rnd);
        int selected = Math.min(maxClusters, s);
        return new MsaRows[] {rows.select(Arrays.copyOfRange(order, 0, selected)),
            rows.select(Arrays.copyOfRange(order, selected, s))};
    }

    /**
     * make_masked_msa (AF2 1.2.7): each position is chosen with probability {@code replaceFraction};
     * a chosen one is replaced by a draw from 0.1·uniform(20 aa) + 0.1·profile + 0.1·same + 0.7·[MASK].
     */
    static void bertMask(MsaRows rows, float[] profile, double uniformProb, double profileProb, double sameProb,
            double replaceFraction, SplittableRandom rnd) {
        int n = rows.columns;
        double maskProb = 1 - uniformProb - profileProb - sameProb;
        rows.trueMsa = new java.util.ArrayList<>();
        rows.bertMask = new java.util.ArrayList<>();
        double[] probs = new double[CLASSES];
        for (int r = 0; r < rows.size(); r++) {
            int[] original = rows.msa.get(r);
            int[] corrupted = original.clone();
            float[] chosen = new float[n];
            for (int c = 0; c < n; c++) {
                // Draw both numbers for every position so the stream does not depend on outcomes.
                double select = rnd.nextDouble();
                double pick = rnd.nextDouble();
                if (select >= replaceFraction) {
                    continue;
                }
                for (int k = 0; k < 22; k++) {
                    probs[k] = (k < 20 ? uniformProb * 0.05 : 0) + profileProb * profile[c * 22 + k]
                            + (original[c] == k ? sameProb : 0);
                }
                probs[22] = maskProb;
                corrupted[c] = categorical(probs, pick);
                chosen[c] = 1f;
            }
            rows.trueMsa.add(original);
            rows.bertMask.add(chosen);
            rows.msa.set(r, corrupted);
        }
    }

    private static int categorical(double[] probs, double u) {
        double total = 0;
        for (double p : probs) {
            total += p;
        }
        double target = u * total;
        double acc = 0;
        for (int k = 0; k < probs.length; k++) {
            acc += probs[k];
            if (target < acc) {
                return k;
            }
        }
        return probs.length - 1;
    }

    /**
     * nearest_neighbor_clusters: each extra row goes to the cluster centre with which it agrees at
     * most masked-in positions; agreement on residues and X counts 1, on gaps and [MASK] 0.
     * Ties go to the lowest centre index (argmax).
     */
    static int[] assignClusters(MsaRows clusters, MsaRows extra) {
        int n = clusters.columns;
        int[] assignment = new int[extra.size()];
        for (int e = 0; e < extra.size(); e++) {
            int[] row = extra.msa.get(e);
            float[] rowMask = extra.mask.get(e);
            double best = Double.NEGATIVE_INFINITY;
            int bestIndex = 0;
            for (int k = 0; k < clusters.size(); k++) {
                int[] centre = clusters.msa.get(k);
                float[] centreMask = clusters.mask.get(k);
                double agreement = 0;
                for (int c = 0; c < n; c++) {
                    if (row[c] == centre[c] && row[c] <= ResidueTypes.UNKNOWN) {
                        agreement += rowMask[c] * centreMask[c];
                    }
                }
                if (agreement > best) {
                    best = agreement;
                    bestIndex = k;
                }
            }
            assignment[e] = bestIndex;
        }
        return assignment;
    }

    /**
     * summarize_clusters: cluster_profile [S_c,N,23] (centre plus assigned extra rows, masked, over
     * 1e-6 + counts) and cluster_deletion_mean [S_c,N].
     */
    static float[][] summarize(MsaRows clusters, MsaRows extra, int[] assignment) {
        int n = clusters.columns;
        int s = clusters.size();
        double[] counts = new double[s * n];
        double[] sums = new double[s * n * CLASSES];
        double[] deletions = new double[s * n];
        for (int k = 0; k < s; k++) {
            int[] row = clusters.msa.get(k);
            float[] m = clusters.mask.get(k);
            float[] d = clusters.deletions.get(k);
            for (int c = 0; c < n; c++) {
                counts[k * n + c] += m[c];
                sums[(k * n + c) * CLASSES + row[c]] += m[c];
                deletions[k * n + c] += d[c];
            }
        }
        for (int e = 0; e < extra.size(); e++) {
            int k = assignment[e];
            int[] row = extra.msa.get(e);
            float[] m = extra.mask.get(e);
            float[] d = extra.deletions.get(e);
            for (int c = 0; c < n; c++) {
                counts[k * n + c] += m[c];
                sums[(k * n + c) * CLASSES + row[c]] += m[c];
                deletions[k * n + c] += m[c] * d[c];
            }
        }
        float[] profile = new float[s * n * CLASSES];
        float[] deletionMean = new float[s * n];
        for (int i = 0; i < s * n; i++) {
            double denominator = 1e-6 + counts[i];
            for (int cls = 0; cls < CLASSES; cls++) {
                profile[i * CLASSES + cls] = (float) (sums[i * CLASSES + cls] / denominator);
            }
            deletionMean[i] = (float) (deletions[i] / denominator);
        }
        return new float[][] {profile, deletionMean};
    }

    /** crop_extra_msa: a random subset of at most {@code maxExtra} extra rows. */
    static MsaRows cropExtra(MsaRows extra, int maxExtra, SplittableRandom rnd) {
        int[] order = new int[extra.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle(order, 0, rnd);
        return extra.select(Arrays.copyOf(order, Math.min(maxExtra, order.length)));
    }

    private static void shuffle(int[] values, int from, SplittableRandom rnd) {
        for (int i = values.length - 1; i > from; i--) {
            int j = from + rnd.nextInt(i - from + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
