package io.timelapse.plugin.openfold.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {

    private static ProteinChain chain;
    private static Msa msa;

    @BeforeAll
    static void load() throws IOException {
        chain = PdbReader.read(Fixtures.resourcePath("fixtures/structure_features/input.1ubi_atoms.pdb")).chain("A");
        // An MSA of 60 mutated copies of the query, some with gaps and deletions.
        Random rnd = new Random(3);
        List<String> seqs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<int[]> dels = new ArrayList<>();
        seqs.add(chain.sequence());
        names.add("query");
        dels.add(new int[chain.length()]);
        String letters = "ARNDCQEGHILKMFPSTWYV-";
        for (int r = 0; r < 60; r++) {
            char[] s = chain.sequence().toCharArray();
            int[] d = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                if (rnd.nextDouble() < 0.3) {
                    s[i] = letters.charAt(rnd.nextInt(letters.length()));
                }
                if (rnd.nextDouble() < 0.05) {
                    d[i] = 1 + rnd.nextInt(4);
                }
            }
            seqs.add(new String(s));
            names.add("hit" + r);
            dels.add(d);
        }
        msa = new Msa("synthetic", seqs, names, dels);
    }

    private static FeatureSet sample(PipelineConfig config, long seed) throws AlignmentFormatException {
        return new FeaturePipeline(config).sample(chain, msa, seed);
    }

    @Test
    void sameSeedSameExampleOtherSeedOtherExample() throws AlignmentFormatException {
        FeatureSet a = sample(PipelineConfig.tiny(), 42);
        FeatureSet b = sample(PipelineConfig.tiny(), 42);
        FeatureSet c = sample(PipelineConfig.tiny(), 43);
        assertEquals(a.asMap().keySet(), b.asMap().keySet());
        for (String name : a.asMap().keySet()) {
            assertArrayEquals(a.get(name).toDoubles(), b.get(name).toDoubles(), name);
        }
        assertFalse(Arrays.equals(a.get("msa_feat").floats(), c.get("msa_feat").floats()));
    }

    @Test
    void shapesFollowOpenFold() throws AlignmentFormatException {
        FeatureSet f = sample(PipelineConfig.tiny(), 1);
        assertArrayEquals(new int[] {16, 64, 49}, f.get("msa_feat").shape());
        assertArrayEquals(new int[] {64, 22}, f.get("target_feat").shape());
        assertArrayEquals(new int[] {64, 64}, f.get("extra_msa").shape());
        assertArrayEquals(new int[] {16, 64}, f.get("bert_mask").shape());
        assertArrayEquals(new int[] {64, 8, 4, 4}, f.get("rigidgroups_gt_frames").shape());
        assertArrayEquals(new int[] {64, 37, 3}, f.get("all_atom_positions").shape());
        assertEquals(FeatureArray.DType.INT32, f.get("aatype").dtype());
        assertEquals(FeatureArray.DType.FLOAT32, f.get("msa_feat").dtype());
    }

    @Test
    void cropIsContiguousAndConsistentAcrossFeatures() throws AlignmentFormatException {
        FeatureSet f = sample(PipelineConfig.tiny(), 7);
        int[] index = f.get("residue_index").ints();
        int start = index[0];
        for (int i = 0; i < 64; i++) {
            assertEquals(start + i, index[i]);
            assertEquals(chain.aatype()[start + i], f.get("aatype").ints()[i]);
            assertEquals(1f, f.get("target_feat").floats()[i * 22 + 1 + chain.aatype()[start + i]]);
            assertEquals(chain.aatype()[start + i], f.get("true_msa").ints()[i], "query row is the first cluster");
        }
        FeatureSet full = GroundTruthFeatures.compute(chain.aatype(), chain.atomPositions(), chain.atomMask());
        float[] frames = f.get("rigidgroups_gt_frames").floats();
        float[] fullFrames = full.get("rigidgroups_gt_frames").floats();
        assertArrayEquals(Arrays.copyOfRange(fullFrames, start * 128, (start + 64) * 128), frames);
    }

    @Test
    void paddingToFixedSizeLeavesMasksZero() throws AlignmentFormatException {
        PipelineConfig config = PipelineConfig.tiny().withCropSize(100).withMsaLimits(80, 32);
        FeatureSet f = sample(config, 3);
        float sum = 0;
        for (float v : f.get("seq_mask").floats()) {
            sum += v;
        }
        assertEquals(76f, sum);
        assertEquals(76, f.get("seq_length").ints()[0]);
        float[] msaMask = f.get("msa_mask").floats();
        int rows = 0;
        for (int r = 0; r < 80; r++) {
            if (msaMask[r * 100] > 0) {
                rows++;
            }
            for (int c = 76; c < 100; c++) {
                assertEquals(0f, msaMask[r * 100 + c]);
            }
        }
        assertTrue(rows <= 61 && rows > 1, "cluster rows after block deletion: " + rows);
    }

    @Test
    void msaFeatIsOneHotWithNormalisedClusterProfile() throws AlignmentFormatException {
        FeatureSet f = sample(PipelineConfig.tiny(), 11);
        float[] feat = f.get("msa_feat").floats();
        float[] mask = f.get("msa_mask").floats();
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 64; c++) {
                if (mask[r * 64 + c] == 0) {
                    continue;
                }
                int base = (r * 64 + c) * 49;
                double oneHot = 0;
                double profile = 0;
                for (int k = 0; k < 23; k++) {
                    oneHot += feat[base + k];
                    profile += feat[base + 25 + k];
                }
                assertEquals(1.0, oneHot, 1e-6);
                assertEquals(1.0, profile, 1e-4);
            }
        }
    }

    @Test
    void bertMaskSelectsAboutFifteenPercent() throws AlignmentFormatException {
        PipelineConfig config = PipelineConfig.tiny().withCropSize(76).withMsaLimits(61, 8);
        double selected = 0;
        double total = 0;
        int masked = 0;
        for (long seed = 0; seed < 10; seed++) {
            FeatureSet f = sample(config, seed);
            float[] bert = f.get("bert_mask").floats();
            float[] rowMask = f.get("msa_mask").floats();
            int[] corrupted = f.get("msa").ints();
            for (int i = 0; i < bert.length; i++) {
                if (rowMask[i] > 0) {
                    total++;
                    selected += bert[i];
                    if (bert[i] > 0 && corrupted[i] == 22) {
                        masked++;
                    }
                }
            }
        }
        assertEquals(0.15, selected / total, 0.02);
        assertEquals(0.7, masked / selected, 0.05, "70 % of selected positions become the mask token");
    }

    @Test
    void extraRowsJoinTheClusterTheyAgreeWithMost() {
        MsaRows clusters = new MsaRows(3);
        clusters.add(new int[] {0, 0, 0}, new float[3], new float[] {1, 1, 1});
        clusters.add(new int[] {4, 4, 4}, new float[3], new float[] {1, 1, 1});
        MsaRows extra = new MsaRows(3);
        extra.add(new int[] {0, 0, 4}, new float[] {2, 0, 0}, new float[] {1, 1, 1});
        extra.add(new int[] {4, 4, 0}, new float[3], new float[] {1, 1, 1});
        extra.add(new int[] {21, 21, 4}, new float[3], new float[] {1, 1, 1});
        int[] assignment = MsaTransforms.assignClusters(clusters, extra);
        assertArrayEquals(new int[] {0, 1, 1}, assignment);
        float[][] summary = MsaTransforms.summarize(clusters, extra, assignment);
        // Cluster 0 at column 0: itself (A) + extra row 0 (A): profile A = 2 / (2 + 1e-6).
        assertEquals(2 / (2 + 1e-6), summary[0][0], 1e-6);
        assertEquals(2 / (2 + 1e-6) * 0 + 1.0 / (2 + 1e-6) * 2, summary[1][0], 1e-6, "deletion mean");
        // Cluster 1 at column 0: itself (C=4), row 1 (C), row 2 (gap): 2/3 C, 1/3 gap.
        int base = (3) * 23;
        assertEquals(2 / (3 + 1e-6), summary[0][base + 4], 1e-6);
        assertEquals(1 / (3 + 1e-6), summary[0][base + 21], 1e-6);
    }
}
