package io.timelapse.plugin.openfold.features;

import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One training example from a chain and its MSA, in OpenFold's order: sequence and MSA features,
 * correct_msa_restypes, masks, hhblits_profile, the ground-truth transforms, then (seeded) block
 * deletion, cluster sampling, BERT masking, nearest-neighbour cluster summaries, extra-MSA crop,
 * msa_feat/target_feat, contiguous crop and fixed-size padding.
 */
public final class FeaturePipeline {

    private final PipelineConfig config;

    public FeaturePipeline(PipelineConfig config) {
        this.config = config;
    }

    /** The deterministic features (no sampling, no crop): sequence, MSA and ground truth. */
    public FeatureSet deterministic(ProteinChain chain, Msa msa) throws AlignmentFormatException {
        FeatureSet f = inputFeatures(chain, msa);
        f.putAll(GroundTruthFeatures.compute(chain.aatype(), chain.atomPositions(), chain.atomMask()));
        return f;
    }

    /**
     * The features OpenFold's data pipeline makes from the files before its transforms: sequence features, the
     * structure in atom37, and the MSA features with {@code hhblits_profile}; {@link #deterministic} adds the
     * ground truth to them.
     */
    public static FeatureSet inputFeatures(ProteinChain chain, Msa msa) throws AlignmentFormatException {
        msa.requireQueryLength(chain.length(), chain.label());
        int n = chain.length();
        FeatureSet f = new FeatureSet();
        f.put("aatype", FeatureArray.ofInts(chain.aatype().clone(), n));
        // OpenFold's make_sequence_features numbers residues 0..N-1 whatever the file's numbering.
        f.put("residue_index", FeatureArray.ofInts(java.util.stream.IntStream.range(0, n).toArray(), n));
        f.put("seq_length", FeatureArray.ofInts(new int[] {n}));
        f.put("between_segment_residues", FeatureArray.ofInts(new int[n], n));
        f.put("seq_mask", FeatureArray.ofFloats(filled(n, 1f), n));
        f.put("all_atom_positions", FeatureArray.ofFloats(chain.atomPositions().clone(), n, 37, 3));
        f.put("all_atom_mask", FeatureArray.ofFloats(chain.atomMask().clone(), n, 37));
        FeatureSet raw = MsaFeatures.fromMsa(msa);
        int s = msa.depth();
        int[] codes = MsaFeatures.toAf2Order(raw.get("msa").ints());
        f.put("msa", FeatureArray.ofInts(codes, s, n));
        int[] deletionCounts = raw.get("deletion_matrix").ints();
        float[] deletions = new float[deletionCounts.length];
        for (int i = 0; i < deletions.length; i++) {
            deletions[i] = deletionCounts[i];
        }
        f.put("deletion_matrix", FeatureArray.ofFloats(deletions, s, n));
        f.put("msa_mask", FeatureArray.ofFloats(filled(s * n, 1f), s, n));
        f.put("num_alignments", FeatureArray.ofInts(new int[] {s}));
        f.put("hhblits_profile", FeatureArray.ofFloats(MsaFeatures.profile(codes, null, s, n), n, 22));
        return f;
    }

    /** A full sampled example; the same seed always gives the same example. */
    public FeatureSet sample(ProteinChain chain, Msa msa, long seed) throws AlignmentFormatException {
        return sample(deterministic(chain, msa), seed);
    }

    /** Samples an example from precomputed deterministic features. */
    public FeatureSet sample(FeatureSet deterministic, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = deterministic.get("aatype").dim(0);
        MsaRows rows = new MsaRows(n);
        int s = deterministic.get("msa").dim(0);
        int[] msa = deterministic.get("msa").ints();
        float[] del = deterministic.get("deletion_matrix").floats();
        float[] mask = deterministic.get("msa_mask").floats();
        for (int r = 0; r < s; r++) {
            rows.add(java.util.Arrays.copyOfRange(msa, r * n, (r + 1) * n), java.util.Arrays.copyOfRange(del, r * n, (r + 1) * n),
                    java.util.Arrays.copyOfRange(mask, r * n, (r + 1) * n));
        }
        if (config.blockDeleteMsa()) {
            rows = MsaTransforms.blockDelete(rows, config.blockDeleteFraction(), config.blockDeleteCount(), rnd);
        }
        MsaRows[] split = MsaTransforms.sample(rows, config.maxMsaClusters(), rnd);
        MsaRows clusters = split[0];
        MsaRows extra = split[1];
        if (config.maskedMsa()) {
            MsaTransforms.bertMask(clusters, deterministic.get("hhblits_profile").floats(), config.uniformProb(),
                    config.profileProb(), config.sameProb(), config.replaceFraction(), rnd);
        }
        int[] assignment = MsaTransforms.assignClusters(clusters, extra);
        float[][] summary = MsaTransforms.summarize(clusters, extra, assignment);
        extra = MsaTransforms.cropExtra(extra, config.maxExtraMsa(), rnd);

        FeatureSet out = new FeatureSet();
        for (Map.Entry<String, FeatureArray> e : deterministic.asMap().entrySet()) {
            if (!e.getKey().equals("msa") && !e.getKey().equals("deletion_matrix") && !e.getKey().equals("msa_mask")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        putMsa(out, clusters, extra, summary, deterministic);
        return cropAndPad(out, n, clusters.size(), extra.size(), rnd);
    }

    private void putMsa(FeatureSet out, MsaRows clusters, MsaRows extra, float[][] summary, FeatureSet det) {
        int n = clusters.columns;
        int sc = clusters.size();
        out.put("msa", FeatureArray.ofInts(MsaRows.flattenInts(clusters.msa, n), sc, n));
        out.put("deletion_matrix", FeatureArray.ofFloats(MsaRows.flattenFloats(clusters.deletions, n), sc, n));
        out.put("msa_mask", FeatureArray.ofFloats(MsaRows.flattenFloats(clusters.mask, n), sc, n));
        if (clusters.trueMsa != null) {
            out.put("true_msa", FeatureArray.ofInts(MsaRows.flattenInts(clusters.trueMsa, n), sc, n));
            out.put("bert_mask", FeatureArray.ofFloats(MsaRows.flattenFloats(clusters.bertMask, n), sc, n));
        }
        int se = extra.size();
        float[] extraDel = MsaRows.flattenFloats(extra.deletions, n);
        out.put("extra_msa", FeatureArray.ofInts(MsaRows.flattenInts(extra.msa, n), se, n));
        out.put("extra_msa_mask", FeatureArray.ofFloats(MsaRows.flattenFloats(extra.mask, n), se, n));
        out.put("extra_has_deletion", FeatureArray.ofFloats(clampOne(extraDel), se, n));
        out.put("extra_deletion_value", FeatureArray.ofFloats(MsaFeatures.deletionValue(extraDel), se, n));

        // msa_feat = one-hot(msa, 23) ‖ has_deletion ‖ deletion_value ‖ cluster_profile (23) ‖ deletion_mean_value
        float[] msaFeat = new float[sc * n * 49];
        float[] deletionMeanValue = MsaFeatures.deletionValue(summary[1]);
        for (int r = 0; r < sc; r++) {
            int[] codes = clusters.msa.get(r);
            float[] d = clusters.deletions.get(r);
            for (int c = 0; c < n; c++) {
                int base = (r * n + c) * 49;
                msaFeat[base + codes[c]] = 1f;
                msaFeat[base + 23] = d[c] > 0 ? 1f : 0f;
                msaFeat[base + 24] = (float) (Math.atan(d[c] / 3.0) * (2.0 / Math.PI));
                System.arraycopy(summary[0], (r * n + c) * 23, msaFeat, base + 25, 23);
                msaFeat[base + 48] = deletionMeanValue[r * n + c];
            }
        }
        out.put("msa_feat", FeatureArray.ofFloats(msaFeat, sc, n, 49));
        // target_feat = between_segment_residues (clamped) ‖ one-hot(aatype, 21)
        int[] aatype = det.get("aatype").ints();
        int[] between = det.get("between_segment_residues").ints();
        float[] target = new float[n * 22];
        for (int i = 0; i < n; i++) {
            target[i * 22] = Math.min(Math.max(between[i], 0), 1);
            target[i * 22 + 1 + Math.min(aatype[i], ResidueTypes.UNKNOWN)] = 1f;
        }
        out.put("target_feat", FeatureArray.ofFloats(target, n, 22));
    }

    /**
     * Residues {@code start} … {@code start + length − 1} of every feature with a residue axis (MSA columns included), as
     * OpenFold's contiguous crop cuts them; {@code seq_length} becomes {@code length}.
     */
    public static FeatureSet cropResidues(FeatureSet features, int start, int length) {
        FeatureSet out = new FeatureSet();
        for (Map.Entry<String, FeatureArray> e : features.asMap().entrySet()) {
            FeatureArray a = e.getValue();
            String axes = FeatureShapes.axes(e.getKey(), a.rank());
            if (axes.indexOf(FeatureShapes.RES) < 0) {
                out.put(e.getKey(), a);
                continue;
            }
            int[] shape = a.shape().clone();
            int[] offset = new int[shape.length];
            for (int k = 0; k < axes.length(); k++) {
                if (axes.charAt(k) == FeatureShapes.RES) {
                    if (start < 0 || length < 1 || start + length > shape[k]) {
                        throw new IllegalArgumentException("cannot crop residues " + start + "…" + (start + length - 1) + " of " + shape[k]);
                    }
                    shape[k] = length;
                    offset[k] = start;
                }
            }
            out.put(e.getKey(), FeatureShapes.window(a, shape, offset));
        }
        out.put("seq_length", FeatureArray.ofInts(new int[] {length}));
        return out;
    }

    /** random_crop_to_size (contiguous) then make_fixed_size. */
    private FeatureSet cropAndPad(FeatureSet in, int n, int clusterRows, int extraRows, SplittableRandom rnd) {
        int length = Math.min(n, config.cropSize());
        int start = rnd.nextInt(n - length + 1);
        int padRes = config.fixedSize() ? config.cropSize() : length;
        int padMsa = config.fixedSize() ? config.maxMsaClusters() : clusterRows;
        int padExtra = config.fixedSize() ? config.maxExtraMsa() : extraRows;
        FeatureSet cropped = cropResidues(in, start, length);
        FeatureSet out = new FeatureSet();
        for (Map.Entry<String, FeatureArray> e : cropped.asMap().entrySet()) {
            FeatureArray a = e.getValue();
            String axes = FeatureShapes.axes(e.getKey(), a.rank());
            int[] padded = a.shape().clone();
            for (int k = 0; k < axes.length(); k++) {
                switch (axes.charAt(k)) {
                    case FeatureShapes.RES -> padded[k] = padRes;
                    case FeatureShapes.MSA -> padded[k] = padMsa;
                    case FeatureShapes.EXTRA -> padded[k] = padExtra;
                    default -> { }
                }
            }
            out.put(e.getKey(), java.util.Arrays.equals(padded, a.shape()) ? a : FeatureShapes.window(a, padded, new int[padded.length]));
        }
        return out;
    }

    private static float[] clampOne(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(Math.max(values[i], 0f), 1f);
        }
        return out;
    }

    private static float[] filled(int size, float value) {
        float[] out = new float[size];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
