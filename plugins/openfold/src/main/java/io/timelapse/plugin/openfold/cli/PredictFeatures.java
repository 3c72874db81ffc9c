package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.model.config.DataConfig;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.training.TrainingExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The model's input features for {@code openfold predict}, each with the trailing recycling axis: from a features
 * file (with the axis, or without it and then repeated over the cycles), or sampled from a chain and its MSA as
 * OpenFold's predict mode does (no BERT masking, no crop, no block deletion; padded to the config's MSA sizes).
 */
final class PredictFeatures {

    /** The rank of each model feature without the recycling axis. */
    private static final Map<String, Integer> RANKS = Map.of("aatype", 1, "target_feat", 2, "residue_index", 1, "msa_feat", 3,
            "seq_mask", 1, "msa_mask", 2, "extra_msa", 2, "extra_has_deletion", 2, "extra_deletion_value", 2, "extra_msa_mask", 2);

    private PredictFeatures() {}

    /** The number of recycling slices {@code features} carries, or 0 where it has no recycling axis. */
    static int slices(FeatureSet features) {
        FeatureArray aatype = features.get("aatype");
        return aatype.rank() == 2 ? aatype.dim(1) : 0;
    }

    /**
     * The {@code required} features of a file: kept as they are where the file has the recycling axis, else each
     * repeated over {@code cycles}; a feature whose rank does not fit is an {@link IllegalArgumentException}.
     */
    static Map<String, HostTensor> fromFile(FeatureSet features, List<String> required, int cycles) {
        int slices = slices(features);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (String name : required) {
            FeatureArray a = features.get(name);
            int rank = RANKS.get(name) + (slices > 0 ? 1 : 0);
            if (a.rank() != rank || (slices > 0 && a.dim(rank - 1) != slices)) {
                throw new IllegalArgumentException("feature " + name + " has shape " + Arrays.toString(a.shape()) + "; want rank " + rank
                        + (slices > 0 ? " ending in aatype's " + slices + " recycling slices" : " (aatype has no recycling axis)"));
            }
            tensors.put(name, TrainingExample.host(slices > 0 ? a : FeatureArray.stackLast(Collections.nCopies(cycles, a)), DType.F32));
        }
        return tensors;
    }

    /** The {@code required} features of {@code chain} and {@code msa}, one sample per cycle, drawn from {@code seed}. */
    static Map<String, HostTensor> fromChain(ProteinChain chain, Msa msa, DataConfig data, List<String> required, int cycles, long seed)
            throws AlignmentFormatException {
        PipelineConfig config = new PipelineConfig(data.maxMsaClusters(), data.maxExtraMsa(), chain.length(), false, 0, 0, false, 0, 0, 0,
                0, true);
        FeaturePipeline pipeline = new FeaturePipeline(config);
        FeatureSet deterministic = FeaturePipeline.inputFeatures(chain, msa);
        SplittableRandom random = new SplittableRandom(seed);
        List<FeatureSet> samples = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            samples.add(pipeline.sample(deterministic, random.nextLong()));
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (String name : required) {
            tensors.put(name, TrainingExample.host(FeatureArray.stackLast(samples.stream().map(s -> s.get(name)).toList()), DType.F32));
        }
        return tensors;
    }
}
