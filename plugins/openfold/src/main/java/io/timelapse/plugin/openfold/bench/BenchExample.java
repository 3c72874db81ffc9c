package io.timelapse.plugin.openfold.bench;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.model.config.DataConfig;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The benchmark's training example: ubiquitin (1UBI chain A, shipped with the plugin) with a seeded synthetic MSA of
 * point-mutated copies of its sequence, through OpenFold's data pipeline (clustering, BERT masking, extra MSA, crop
 * and fixed-size padding) with the config's MSA sizes and the given crop, plus the two scalars the loss reads that
 * the pipeline leaves to the dataset ({@code resolution}, {@code use_clamped_fape}). A crop longer than the chain's
 * 76 residues is padded, as OpenFold pads every example to the crop size, so shapes and work are the crop's.
 */
public final class BenchExample {

    /** The ubiquitin structure, a resource of this bundle. */
    static final String STRUCTURE = "/io/timelapse/plugin/openfold/cli/demo_1ubi_A.pdb";
    static final int MSA_ROWS = 256;
    private static final double SUBSTITUTION_RATE = 0.3;
    private static final String RESIDUES = "ACDEFGHIKLMNPQRSTVWY";

    private BenchExample() {}

    /** The example's features by OpenFold name, one recycling slice (no trailing recycling axis). */
    public static Map<String, HostTensor> make(DataConfig data, int crop, long seed, Path scratch) throws IOException {
        ProteinChain chain = ubiquitin(scratch);
        PipelineConfig config = PipelineConfig.tiny().withMsaLimits(data.maxMsaClusters(), data.maxExtraMsa()).withCropSize(crop);
        FeatureSet features;
        try {
            features = new FeaturePipeline(config).sample(chain, msa(chain.sequence(), seed), seed);
        } catch (AlignmentFormatException e) {
            throw new IllegalStateException("the synthetic MSA does not fit ubiquitin: " + e.getMessage(), e);
        }
        Map<String, HostTensor> batch = new LinkedHashMap<>();
        for (Map.Entry<String, FeatureArray> feature : features.asMap().entrySet()) {
            FeatureArray a = feature.getValue();
            long[] dims = Arrays.stream(a.shape()).asLongStream().toArray();
            batch.put(feature.getKey(), a.dtype() == FeatureArray.DType.FLOAT32 ? HostTensor.of(a.floats(), dims) : HostTensor.of(a.ints(), dims));
        }
        batch.put("seq_length", HostTensor.scalar(features.get("seq_length").ints()[0]));
        batch.put("resolution", HostTensor.scalar(2.5f));
        batch.put("use_clamped_fape", HostTensor.scalar(1f));
        return batch;
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
