package io.timelapse.plugin.openfold.training;

import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training examples from one chain and its MSA through {@link FeaturePipeline}, a pure function of the seed and the step.
 * Each step draws a contiguous crop, then OpenFold's per-cycle ("ensembled") sampling is repeated for every recycling
 * slice with its own seed: block deletion, cluster sampling, BERT masking and the extra-MSA crop differ between
 * slices while the crop and ground truth stay the same. The crop is taken from the chain and its MSA before the
 * pipeline (OpenFold crops after MSA sampling; only the nearest-cluster assignment of extra rows can differ).
 * {@code use_clamped_fape} is drawn per example with probability {@value #CLAMPED_FAPE_PROBABILITY}, and
 * {@code resolution} is the structure's; for a file without one (NMR models, THESEUS's superposed files) pass the
 * nominal {@value #NOMINAL_RESOLUTION} Å, inside [0.1, 3.0] so the pLDDT and experimentally-resolved losses stay on, as the
 * golden fixtures do.
 */
public final class TrainingExamples implements ExampleSource {

    public static final double NOMINAL_RESOLUTION = 2.5;
    public static final double CLAMPED_FAPE_PROBABILITY = 0.9;

    private final ProteinChain chain;
    private final Msa msa;
    private final PipelineConfig config;
    private final int cycles;
    private final long seed;
    private final double resolution;
    private final Map<Integer, FeatureSet> deterministicByStart = new HashMap<>();

    /**
     * @param config the pipeline's settings; its crop size is the number of residues of every example
     * @param cycles the length R of the recycling axis (recycling iterations + 1)
     * @param resolution the structure's resolution in Å, {@link #NOMINAL_RESOLUTION} for a file without one
     * @throws IllegalArgumentException when the crop is larger than the chain
     */
    public TrainingExamples(ProteinChain chain, Msa msa, PipelineConfig config, int cycles, long seed, double resolution)
            throws AlignmentFormatException {
        requireCrop(config.cropSize(), chain);
        if (cycles < 1) {
            throw new IllegalArgumentException("an example needs at least one recycling slice, not " + cycles);
        }
        msa.requireQueryLength(chain.length(), chain.label());
        this.chain = chain;
        this.msa = msa;
        this.config = config;
        this.cycles = cycles;
        this.seed = seed;
        this.resolution = resolution;
    }

    /** The seed of one example's draws: distinct for every step and batch member, member 0 as before batches existed. */
    static long exampleSeed(long seed, long step, int member) {
        long base = new SplittableRandom(seed).split().nextLong() ^ (step * 0x9E3779B97F4A7C15L);
        return member == 0 ? base : new SplittableRandom(base).split().nextLong() ^ (member * 0xC2B2AE3D27D4EB4FL);
    }

    @Override
    public int cropSize() {
        return config.cropSize();
    }

    /** The number of residues of the whole chain. */
    public int chainLength() {
        return chain.length();
    }

    /** Refuses a crop of more residues than the chain has. */
    public static void requireCrop(int crop, ProteinChain chain) {
        if (crop > chain.length()) {
            throw new IllegalArgumentException("a crop of " + crop + " residues is larger than chain " + chain.chainId() + ", which has "
                    + chain.length());
        }
    }

    /** The MSA of the chain's sequence alone, for a chain without an alignment. */
    public static Msa singleSequence(ProteinChain chain) {
        return new Msa(chain.label(), List.of(chain.sequence()), List.of("query"), List.of(new int[chain.length()]));
    }

    /** The example of step {@code step}; the same seed and step always give the same example. */
    public TrainingExample train(long step) {
        return train(step, 0);
    }

    @Override
    public TrainingExample train(long step, int member) {
        SplittableRandom random = new SplittableRandom(exampleSeed(seed, step, member));
        int start = random.nextInt(chain.length() - config.cropSize() + 1);
        float clamped = random.nextDouble() < CLAMPED_FAPE_PROBABILITY ? 1f : 0f;
        FeaturePipeline pipeline = new FeaturePipeline(config);
        List<FeatureSet> slices = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            slices.add(withScalars(pipeline.sample(deterministic(start), random.nextLong()), resolution, clamped));
        }
        return TrainingExample.stack(slices, config.cropSize());
    }

    /**
     * The example to evaluate on: the first {@code crop} residues, no block deletion and no BERT masking (the model sees
     * the MSA as it is), a fixed seed for cluster sampling.
     */
    public TrainingExample evaluation() {
        FeaturePipeline pipeline = new FeaturePipeline(config.forEvaluation());
        SplittableRandom random = new SplittableRandom(seed);
        List<FeatureSet> slices = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            slices.add(withScalars(pipeline.sample(deterministic(0), random.nextLong()), resolution, 1f));
        }
        return TrainingExample.stack(slices, config.cropSize());
    }

    private FeatureSet deterministic(int start) {
        return deterministicByStart.computeIfAbsent(start, s -> {
            int end = s + config.cropSize();
            try {
                return new FeaturePipeline(config).deterministic(chain.slice(s, end), columns(msa, s, end));
            } catch (AlignmentFormatException e) {
                throw new IllegalStateException("the cropped MSA no longer matches the cropped chain", e);
            }
        });
    }

    private static Msa columns(Msa msa, int start, int end) {
        List<String> sequences = new ArrayList<>();
        List<int[]> deletions = new ArrayList<>();
        for (int row = 0; row < msa.depth(); row++) {
            sequences.add(msa.sequences().get(row).substring(start, end));
            deletions.add(Arrays.copyOfRange(msa.deletions().get(row), start, end));
        }
        return new Msa(msa.source(), sequences, msa.descriptions(), deletions);
    }

    static FeatureSet withScalars(FeatureSet features, double resolution, float useClampedFape) {
        features.put("resolution", FeatureArray.ofFloats(new float[] {(float) resolution}));
        features.put("use_clamped_fape", FeatureArray.ofFloats(new float[] {useClampedFape}));
        return features;
    }
}
