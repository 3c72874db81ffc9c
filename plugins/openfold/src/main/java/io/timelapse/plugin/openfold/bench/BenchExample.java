package io.timelapse.plugin.openfold.bench;

import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.model.config.DataConfig;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.training.TrainingExample;
import io.timelapse.plugin.openfold.training.TrainingExamples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's training example: ubiquitin (1UBI chain A, shipped with the plugin) with a seeded synthetic MSA of
 * point-mutated copies of its sequence, through OpenFold's data pipeline (clustering, BERT masking, extra MSA, crop
 * and fixed-size padding) with the config's MSA sizes and the given crop, plus the two scalars the loss reads that
 * the pipeline leaves to the data set ({@code resolution}, {@code use_clamped_fape}), as {@link TrainingExamples} adds them. Unlike
 * {@link TrainingExamples}, a crop longer than the chain's 76 residues is allowed: the example is padded, as OpenFold pads
 * every example to the crop size, so shapes and work are the crop's (what a memory measurement at crop 256 needs).
 */
public final class BenchExample {

    /** The ubiquitin structure, a resource of this bundle. */
    static final String STRUCTURE = "/io/timelapse/plugin/openfold/cli/demo_1ubi_A.pdb";
    static final int MSA_ROWS = 256;
    private static final double SUBSTITUTION_RATE = 0.3;
    private static final String RESIDUES = "ACDEFGHIKLMNPQRSTVWY";

    private BenchExample() {}

    /** The example, with a recycling axis of length 1 (one cycle, R = 1). */
    public static TrainingExample make(DataConfig data, int crop, long seed, Path scratch) throws IOException {
        ProteinChain chain = ubiquitin(scratch);
        PipelineConfig config = PipelineConfig.tiny().withMsaLimits(data.maxMsaClusters(), data.maxExtraMsa()).withCropSize(crop);
        FeatureSet features;
        try {
            features = new FeaturePipeline(config).sample(chain, msa(chain.sequence(), seed), seed);
        } catch (AlignmentFormatException e) {
            throw new IllegalStateException("the synthetic MSA does not fit ubiquitin: " + e.getMessage(), e);
        }
        features.put("resolution", FeatureArray.ofFloats(new float[] {(float) TrainingExamples.NOMINAL_RESOLUTION}));
        features.put("use_clamped_fape", FeatureArray.ofFloats(new float[] {1f}));
        return TrainingExample.stack(List.of(features), crop);
    }

    static ProteinChain ubiquitin(Path scratch) throws IOException {
        Path pdb = scratch.resolve("1ubi_A.pdb");
        try (InputStream in = BenchExample.class.getResourceAsStream(STRUCTURE)) {
            if (in == null) {
                throw new IOException("the plugin's ubiquitin structure " + STRUCTURE + " is missing");
            }
            Files.copy(in, pdb, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return PdbReader.read(pdb).chain("A");
    }

    /** The query and {@value #MSA_ROWS} - 1 copies with each residue replaced at random with probability 0.3. */
    static Msa msa(String query, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> sequences = new ArrayList<>(List.of(query));
        List<String> descriptions = new ArrayList<>(List.of("query"));
        List<int[]> deletions = new ArrayList<>(List.of(new int[query.length()]));
        for (int row = 1; row < MSA_ROWS; row++) {
            char[] copy = query.toCharArray();
            for (int i = 0; i < copy.length; i++) {
                if (random.nextDouble() < SUBSTITUTION_RATE) {
                    copy[i] = RESIDUES.charAt(random.nextInt(RESIDUES.length()));
                }
            }
            sequences.add(new String(copy));
            descriptions.add("synthetic_" + row);
            deletions.add(new int[query.length()]);
        }
        return new Msa("synthetic mutants of ubiquitin", sequences, descriptions, deletions);
    }
}
