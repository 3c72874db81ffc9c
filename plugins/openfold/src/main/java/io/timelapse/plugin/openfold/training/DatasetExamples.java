package io.timelapse.plugin.openfold.training;

import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.dataset.FeatureCache;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training examples from the chains of a data set that {@code openfold dataset build} wrote: each example draws a chain
 * uniformly, a contiguous crop of it, and OpenFold's per-cycle MSA sampling from the chain's cached deterministic
 * features; a chain shorter than the crop is taken whole and padded, its padding masked. (OpenFold weights chains by
 * length and cluster size; with the two families of theseus-examples a uniform draw is the plain choice.)
 */
public final class DatasetExamples implements ExampleSource {

    /** Deterministic features kept in memory, the most recently used first to stay. */
    private static final int CACHED_CHAINS = 128;

    /** A manifest whose chains cannot be trained on; the message names the manifest and the chain. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private final Path manifestFile;
    private final List<DatasetManifest.Entry> chains;
    private final PipelineConfig config;
    private final int cycles;
    private final long seed;
    private final Map<String, FeatureSet> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FeatureSet> eldest) {
            return size() > CACHED_CHAINS;
        }
    };

    /**
     * @param manifestFile the manifest, whose folder holds the data set's {@code features/}
     * @param config the pipeline's settings; its crop size is the number of residues of every example
     * @param cycles the length R of the recycling axis (recycling iterations + 1)
     * @throws Invalid when the manifest has no chains, or a chain's features are missing or stale
     */
    public DatasetExamples(Path manifestFile, DatasetManifest manifest, PipelineConfig config, int cycles, long seed) throws IOException {
        if (manifest.chains().isEmpty()) {
            throw new Invalid(manifestFile + ": lists no chains");
        }
        if (cycles < 1) {
            throw new IllegalArgumentException("an example needs at least one recycling slice, not " + cycles);
        }
        this.manifestFile = manifestFile;
        this.chains = manifest.chains();
        this.config = config;
        this.cycles = cycles;
        this.seed = seed;
        for (DatasetManifest.Entry chain : chains) {
            Path features = featureFile(chain);
            if (!Files.isRegularFile(features)) {
                throw new Invalid(manifestFile + ": chain " + chain.id() + " has no features file " + features
                        + "; a manifest of another data set, or a damaged one?");
            }
            FeatureCache.State state = cache(chain).state(chain.id(), key(chain));
            if (state != FeatureCache.State.FRESH) {
                throw new Invalid(manifestFile + ": the features of chain " + chain.id() + " are " + state.name().toLowerCase(java.util.Locale.ROOT)
                        + " (their inputs changed); rebuild the data set");
            }
        }
    }

    /** The chains examples are drawn from, in manifest order. */
    public List<DatasetManifest.Entry> chains() {
        return chains;
    }

    @Override
    public int cropSize() {
        return config.cropSize();
    }

    @Override
    public TrainingExample train(long step, int member) {
        SplittableRandom random = new SplittableRandom(TrainingExamples.exampleSeed(seed, step, member));
        DatasetManifest.Entry chain = chains.get(random.nextInt(chains.size()));
        FeatureSet whole = deterministic(chain);
        int residues = whole.get("aatype").dim(0);
        int length = Math.min(residues, config.cropSize());
        int start = random.nextInt(residues - length + 1);
        FeatureSet cropped = FeaturePipeline.cropResidues(whole, start, length);
        float clamped = random.nextDouble() < TrainingExamples.CLAMPED_FAPE_PROBABILITY ? 1f : 0f;
        FeaturePipeline pipeline = new FeaturePipeline(config);
        List<FeatureSet> slices = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            slices.add(TrainingExamples.withScalars(pipeline.sample(cropped, random.nextLong()), resolution(chain), clamped));
        }
        return TrainingExample.stack(slices, config.cropSize());
    }

    /**
     * Chain {@code index} whole, padded to {@code residues}, with the MSA as it is (no block deletion or masking) and a
     * fixed seed for cluster sampling: what a validation run predicts.
     */
    public TrainingExample evaluation(int index, int residues) {
        DatasetManifest.Entry chain = chains.get(index);
        if (chain.length() > residues) {
            throw new IllegalArgumentException("chain " + chain.id() + " has " + chain.length() + " residues, more than " + residues);
        }
        FeaturePipeline pipeline = new FeaturePipeline(config.forEvaluation().withCropSize(residues));
        SplittableRandom random = new SplittableRandom(seed);
        List<FeatureSet> slices = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            slices.add(TrainingExamples.withScalars(pipeline.sample(deterministic(chain), random.nextLong()), resolution(chain), 1f));
        }
        return TrainingExample.stack(slices, residues);
    }

    private synchronized FeatureSet deterministic(DatasetManifest.Entry chain) {
        FeatureSet cached = cache.get(chain.id());
        if (cached != null) {
            return cached;
        }
        try {
            FeatureSet read = cache(chain).require(chain.id(), key(chain));
            cache.put(chain.id(), read);
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(manifestFile + ": chain " + chain.id() + ": " + e.getMessage(), e);
        }
    }

    private static double resolution(DatasetManifest.Entry chain) {
        return chain.resolution() == null ? TrainingExamples.NOMINAL_RESOLUTION : chain.resolution();
    }

    private Path featureFile(DatasetManifest.Entry chain) {
        return manifestFile.toAbsolutePath().getParent().resolve(chain.features());
    }

    private FeatureCache cache(DatasetManifest.Entry chain) {
        return new FeatureCache(featureFile(chain).getParent());
    }

    private static FeatureCache.Key key(DatasetManifest.Entry chain) {
        return FeatureCache.Key.of(chain.structureSha256(), chain.chain(), List.of(chain.msaSha256()));
    }
}
