package io.timelapse.plugin.dsb.sets;

import io.timelapse.api.run.Progress;
import io.timelapse.plugin.dsb.edit.BoundedMeanShift;
import io.timelapse.plugin.dsb.edit.QuantileEdit;
import io.timelapse.plugin.dsb.probe.ConradDistribution;
import io.timelapse.plugin.dsb.probe.IndependentCoordinatesSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The paper's probe sets and edits (spec §1.3, §1.4), built from a {@link ClassModels}:
 * <ul>
 * <li>{@code real}: the validation images;</li>
 * <li>{@code independent} (ICS): every value an independent uniform bin of the class's quantile table (training
 *     images); as many as the validation images, labels drawn from the training class frequencies;</li>
 * <li>{@code maxent} (Conrad): first-order maximum entropy on [0, 1] with each validation class mean, as many per
 *     class as the validation images have;</li>
 * <li>{@code gaussian}: N(mu, Sigma) of the shrunk training statistics, 1024 samples, labels drawn from the training
 *     class frequencies;</li>
 * <li>{@code got}: every validation image moved by the Gaussian transport map onto a target class drawn from the
 *     training frequencies with its own class removed, labelled with the target;</li>
 * <li>{@code cqn}: the coordinatewise quantile edit onto the same targets;</li>
 * <li>{@code shifted}: the validation images of every class shifted (bounded to [0, 1]) onto the validation mean of
 *     every other class, labelled with that class: (k-1) × the validation images.</li>
 * </ul>
 * {@code truncated_normal} and {@code third_order} are built by {@link Sampler}s registered with
 * {@link #withSampler}. Every set draws from its own generator seeded by {@link Options#seed} and the set's name, so a
 * set does not depend on which other sets are built. Nothing is clipped unless {@link Options#clip} (a deviation from
 * the paper, which clips none of its sets).
 */
public final class ProbeSets {

    public static final String REAL = "real";
    public static final String INDEPENDENT = "independent";
    public static final String MAXENT = "maxent";
    public static final String GAUSSIAN = "gaussian";
    public static final String TRUNCATED_NORMAL = "truncated_normal";
    public static final String THIRD_ORDER = "third_order";
    public static final String GOT = "got";
    public static final String CQN = "cqn";
    public static final String SHIFTED = "shifted";

    /** Every set's name, in the paper's order. */
    public static final List<String> NAMES = List.of(REAL, INDEPENDENT, MAXENT, GAUSSIAN, TRUNCATED_NORMAL,
            THIRD_ORDER, GOT, CQN, SHIFTED);

    /** The sets built here, without a registered sampler. */
    public static final List<String> BUILT_IN = List.of(REAL, INDEPENDENT, MAXENT, GAUSSIAN, GOT, CQN, SHIFTED);

    /** The paper's number of Gaussian samples. */
    public static final int GAUSSIAN_COUNT = 1024;

    /** A set in float64, as built; {@link #toProbeSet} gives the record checkpoints are scored on. */
    public record Images(String name, double[][] rows, int[] labels) {

        public ProbeSet toProbeSet(int channels, int height, int width) {
            int d = channels * height * width;
            float[] pixels = new float[rows.length * d];
            for (int i = 0; i < rows.length; i++) {
                for (int p = 0; p < d; p++) {
                    pixels[i * d + p] = (float) rows[i][p];
                }
            }
            return new ProbeSet(name, channels, height, width, pixels, labels);
        }
    }

    /**
     * A probe set this class does not build itself ({@code truncated_normal}, {@code third_order}): given the fitted
     * models, a number of images (empty: the sampler's own default) and the set's seed, the labelled images.
     */
    @FunctionalInterface
    public interface Sampler {
        Images sample(ClassModels models, OptionalInt count, long seed);
    }

    /**
     * How sets are built.
     *
     * @param seed the seed every set's generator derives from
     * @param clip clip every value to [0, 1] (the paper does not)
     * @param counts images per set, by name, where a set's default is not wanted ({@code independent}: the number of
     *     validation images; {@code maxent}: as many per class as the validation images, otherwise labels drawn from
     *     the validation class frequencies; {@code gaussian}: 1024); the edits and {@code real} have fixed sizes
     */
    public record Options(long seed, boolean clip, Map<String, Integer> counts) {

        public Options {
            counts = Map.copyOf(counts);
        }

        public static Options defaults() {
            return new Options(0, false, Map.of());
        }

        public Options withSeed(long value) {
            return new Options(value, clip, counts);
        }

        public Options withClip(boolean value) {
            return new Options(seed, value, counts);
        }

        public Options withCount(String set, int count) {
            if (count < 1) {
                throw new IllegalArgumentException(set + ": the number of images must be positive, not " + count);
            }
            Map<String, Integer> changed = new LinkedHashMap<>(counts);
            changed.put(set, count);
            return new Options(seed, clip, changed);
        }

        OptionalInt count(String set) {
            Integer count = counts.get(set);
            return count == null ? OptionalInt.empty() : OptionalInt.of(count);
        }

        /** The seed of one set's generator. */
        public long seedOf(String set) {
            return seed ^ (set.hashCode() * 0x9E3779B97F4A7C15L);
        }
    }

    private final ClassModels models;
    private final Map<String, Sampler> samplers;

    private ProbeSets(ClassModels models, Map<String, Sampler> samplers) {
        this.models = models;
        this.samplers = Map.copyOf(samplers);
    }

    public static ProbeSets of(ClassModels models) {
        return new ProbeSets(models, Map.of());
    }

    /** These sets plus the one {@code sampler} builds under {@code name} ({@code truncated_normal} or {@code third_order}). */
    public ProbeSets withSampler(String name, Sampler sampler) {
        if (BUILT_IN.contains(name) || !NAMES.contains(name)) {
            throw new IllegalArgumentException(name + " is not a set a sampler can provide; those are "
                    + TRUNCATED_NORMAL + " and " + THIRD_ORDER);
        }
        Map<String, Sampler> more = new LinkedHashMap<>(samplers);
        more.put(name, sampler);
        return new ProbeSets(models, more);
    }

    public ClassModels models() {
        return models;
    }

    /** The names of the sets that can be built: the built-in ones and those with a registered sampler. */
    public List<String> available() {
        return NAMES.stream().filter(n -> BUILT_IN.contains(n) || samplers.containsKey(n)).toList();
    }

    /** Builds the named sets, in the order given. */
    public List<Images> build(List<String> names, Options options, Progress progress) {
        List<Images> sets = new ArrayList<>();
        for (String name : names) {
            sets.add(build(name, options, progress));
        }
        return sets;
    }

    /** Builds one set; {@code progress} advances by the images made. */
    public Images build(String name, Options options, Progress progress) {
        long seed = options.seedOf(name);
        OptionalInt count = options.count(name);
        Images images = switch (name) {
            case REAL -> new Images(REAL, models.validationRows(), models.validationLabels());
            case INDEPENDENT -> independent(count.orElse(models.validationLabels().length), seed);
            case MAXENT -> maxent(count, seed);
            case GAUSSIAN -> gaussian(count.orElse(GAUSSIAN_COUNT), seed);
            case GOT -> got(options.seedOf("targets"), progress);
            case CQN -> cqn(options.seedOf("targets"));
            case SHIFTED -> shifted(progress);
            default -> {
                Sampler sampler = samplers.get(name);
                if (sampler == null) {
                    throw new IllegalArgumentException(NAMES.contains(name)
                            ? "no sampler for the " + name + " set is installed"
                            : "no probe set is called " + name + "; the sets are " + String.join(", ", NAMES));
                }
                yield sampler.sample(models, count, seed);
            }
        };
        if (!name.equals(GOT) && !name.equals(SHIFTED)) {
            progress.advance(images.labels().length);
        }
        return options.clip() ? clip(images) : images;
    }

    private Images independent(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = draw(random, models.trainFrequencies(), count);
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new IndependentCoordinatesSampler(models.quantiles(labels[i])).sample(random);
        }
        return new Images(INDEPENDENT, rows, labels);
    }

    private Images maxent(OptionalInt count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels;
        if (count.isPresent()) {
            labels = draw(random, frequencies(models.validationLabels()), count.getAsInt());
        } else {
            labels = models.validationLabels().clone();
            Arrays.sort(labels);
        }
        Map<Integer, ConradDistribution[]> distributions = new LinkedHashMap<>();
        double[][] rows = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            ConradDistribution[] perValue = distributions.computeIfAbsent(labels[i], k -> Arrays
                    .stream(models.validationMean(k)).mapToObj(ConradDistribution::withMean)
                    .toArray(ConradDistribution[]::new));
            double[] x = new double[perValue.length];
            for (int p = 0; p < x.length; p++) {
                x[p] = perValue[p].sample(random.nextDouble());
            }
            rows[i] = x;
        }
        return new Images(MAXENT, rows, labels);
    }

    private Images gaussian(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = draw(random, models.trainFrequencies(), count);
        double[][] z = new double[count][models.dimension()];
        for (double[] row : z) {
            for (int p = 0; p < row.length; p++) {
                row[p] = random.nextGaussian();
            }
        }
        Map<Integer, ClassGaussian.Sampler> samplers = new ConcurrentHashMap<>();
        IntStream.of(labels).distinct().parallel().forEach(k -> samplers.put(k, models.gaussian(k).sampler()));
        double[][] rows = new double[count][];
        IntStream.range(0, count).parallel().forEach(i -> rows[i] = samplers.get(labels[i]).sample(z[i]));
        return new Images(GAUSSIAN, rows, labels);
    }

    /**
     * The target class of every validation image: drawn from the training class frequencies with the image's own
     * class removed (the paper's leave-one-out draw), the same for {@code got} and {@code cqn}.
     */
    public int[] targets(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] frequencies = models.trainFrequencies();
        int[] labels = models.validationLabels();
        int[] targets = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double[] others = frequencies.clone();
            others[labels[i]] = 0;
            targets[i] = draw(random, others, 1)[0];
        }
        return targets;
    }

    /** Edits the images of each (source, target) pair together, the pairs in parallel, each source's roots once. */
    private Images got(long seed, Progress progress) {
        int[] sources = models.validationLabels();
        int[] targets = targets(seed);
        double[][] images = models.validationRows();
        double[][] rows = new double[sources.length][];
        int k = models.classes();
        List<List<Integer>> pairs = new ArrayList<>(IntStream.range(0, sources.length).boxed()
                .collect(Collectors.groupingBy(i -> sources[i] * k + targets[i], TreeMap::new, Collectors.toList()))
                .values());
        IntStream.of(sources).distinct().parallel().forEach(models::roots);
        IntStream.range(0, pairs.size()).parallel().forEach(p -> {
            List<Integer> members = pairs.get(p);
            int first = members.get(0);
            double[][] edited = models.transport(sources[first], targets[first])
                    .apply(members.stream().map(i -> images[i]).toArray(double[][]::new));
            for (int m = 0; m < edited.length; m++) {
                rows[members.get(m)] = edited[m];
            }
            synchronized (progress) {
                progress.advance(edited.length);
            }
        });
        return new Images(GOT, rows, targets);
    }

    private Images cqn(long seed) {
        int[] sources = models.validationLabels();
        int[] targets = targets(seed);
        double[][] images = models.validationRows();
        double[][] rows = new double[sources.length][];
        IntStream.range(0, sources.length).parallel().forEach(i -> rows[i] =
                new QuantileEdit(models.quantiles(sources[i]), models.quantiles(targets[i])).apply(images[i]));
        return new Images(CQN, rows, targets);
    }

    private Images shifted(Progress progress) {
        int k = models.classes();
        List<int[]> pairs = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            for (int t = 0; t < k; t++) {
                if (s != t && models.validationRows(s).length > 0 && models.validationRows(t).length > 0) {
                    pairs.add(new int[] {s, t});
                }
            }
        }
        double[][][] shifted = new double[pairs.size()][][];
        IntStream.range(0, pairs.size()).parallel().forEach(i -> {
            int[] pair = pairs.get(i);
            shifted[i] = BoundedMeanShift.shift(models.validationRows(pair[0]), models.validationMean(pair[1]))
                    .samples();
            synchronized (progress) {
                progress.advance(shifted[i].length);
            }
        });
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            for (double[] row : shifted[i]) {
                rows.add(row);
                labels.add(pairs.get(i)[1]);
            }
        }
        return new Images(SHIFTED, rows.toArray(double[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The number of images {@link #build} makes of a built-in set. */
    public int size(String name, Options options) {
        int validation = models.validationLabels().length;
        return switch (name) {
            case REAL, GOT, CQN -> validation;
            case INDEPENDENT, MAXENT -> options.count(name).orElse(validation);
            case GAUSSIAN -> options.count(name).orElse(GAUSSIAN_COUNT);
            case SHIFTED -> IntStream.range(0, models.classes()).map(s -> models.validationRows(s).length
                    * (int) IntStream.range(0, models.classes())
                            .filter(t -> t != s && models.validationRows(t).length > 0).count()).sum();
            default -> options.count(name).orElse(validation);
        };
    }

    private static double[] frequencies(int[] labels) {
        int k = 1 + IntStream.of(labels).max().orElse(-1);
        double[] frequencies = new double[k];
        for (int label : labels) {
            frequencies[label] += 1.0 / labels.length;
        }
        return frequencies;
    }

    /** {@code count} labels drawn with probabilities proportional to {@code weights}. */
    static int[] draw(RandomGenerator random, double[] weights, int count) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k];
            cumulative[k] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("no class to draw a label from");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble() * sum;
            int label = 0;
            while (label < weights.length - 1 && (cumulative[label] <= u || weights[label] == 0)) {
                label++;
            }
            labels[i] = label;
        }
        return labels;
    }

    private static Images clip(Images images) {
        double[][] rows = new double[images.rows().length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.stream(images.rows()[i]).map(v -> Math.min(Math.max(v, 0), 1)).toArray();
        }
        return new Images(images.name(), rows, images.labels());
    }
}
