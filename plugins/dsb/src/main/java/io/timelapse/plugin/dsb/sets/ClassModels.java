package io.timelapse.plugin.dsb.sets;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.plugin.dsb.data.ImageArray;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.data.Pixels;
import io.timelapse.plugin.dsb.stats.ClassStatistics;
import io.timelapse.plugin.dsb.stats.QuantileTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The per-class statistics every probe set and edit is built from, each computed once, when first asked for, in
 * float64: from the training images the class's mean and covariance ({@link ClassGaussian}, shrunk unless told
 * otherwise), its quantile tables and its roots for the Gaussian transport maps (the maps themselves are made when
 * asked for and not kept: a few of them hold more memory than all the statistics); from the
 * validation images the class means. Images are pooled by {@code poolFactor} and, with {@code rgb}, replicated to
 * three channels; second-order statistics are fitted on the grayscale images and replicated exactly (see
 * {@link ClassGaussian}). Safe for use from several threads.
 */
public final class ClassModels {

    private final LabeledImages train;
    private final LabeledImages validation;
    private final int poolFactor;
    private final int copies;
    private final boolean shrinkage;
    private final int classes;
    private final int[] trainCounts;
    private final double[][] validationRows;
    private final ComputeService compute;

    private final Map<Integer, ClassStatistics> statistics = new ConcurrentHashMap<>();
    private final Map<Integer, ClassGaussian> gaussians = new ConcurrentHashMap<>();
    private final Map<Integer, QuantileTable> quantiles = new ConcurrentHashMap<>();
    private final Map<Integer, ClassTransport.Roots> roots = new ConcurrentHashMap<>();
    private final Map<Integer, double[]> validationMeans = new ConcurrentHashMap<>();

    private ClassModels(LabeledImages train, LabeledImages validation, int poolFactor, boolean rgb, boolean shrinkage,
            ComputeService compute) {
        if (train.images().size() != validation.images().size()
                || train.images().channels() != validation.images().channels()) {
            throw new IllegalArgumentException("training images of " + shape(train.images())
                    + " and validation images of " + shape(validation.images()) + " differ in shape");
        }
        if (rgb && train.images().channels() != 1) {
            throw new IllegalArgumentException("only grayscale images are replicated to RGB, not images of "
                    + train.images().channels() + " channels");
        }
        this.train = train;
        this.validation = validation;
        this.poolFactor = poolFactor;
        this.copies = rgb ? 3 : 1;
        this.shrinkage = shrinkage;
        this.classes = 1 + IntStream.concat(IntStream.of(train.labels()), IntStream.of(validation.labels()))
                .max().orElse(-1);
        this.trainCounts = new int[classes];
        for (int label : train.labels()) {
            trainCounts[label]++;
        }
        this.validationRows = Pixels.rows(validation.images(), poolFactor, rgb);
        this.compute = compute;
    }

    /**
     * The statistics of {@code train} and {@code validation} (same image shape), pooled by {@code poolFactor}
     * (1 for none) and replicated to RGB if {@code rgb}; covariances are shrunk if {@code shrinkage}.
     */
    public static ClassModels of(LabeledImages train, LabeledImages validation, int poolFactor, boolean rgb,
            boolean shrinkage) {
        return new ClassModels(train, validation, poolFactor, rgb, shrinkage, null);
    }

    /**
     * The same, with each class's statistics fitted on {@code compute} from the integer pixels (much faster:
     * {@link ClassStatistics#fit(ComputeService, int[], int, int, double)}).
     */
    public static ClassModels of(LabeledImages train, LabeledImages validation, int poolFactor, boolean rgb,
            boolean shrinkage, ComputeService compute) {
        return new ClassModels(train, validation, poolFactor, rgb, shrinkage, compute);
    }

    private static String shape(ImageArray images) {
        return images.channels() + "x" + images.height() + "x" + images.width();
    }

    /** Fits the Gaussians and quantile tables of every class with training images, in parallel. */
    public void fitAll() {
        IntStream.range(0, classes).parallel().filter(k -> trainCounts[k] > 0).forEach(k -> {
            gaussian(k);
            quantiles(k);
        });
    }

    /** The number of classes: one more than the largest label. */
    public int classes() {
        return classes;
    }

    /** Channels of an image as the sets deliver it (3 with RGB replication). */
    public int channels() {
        return copies * train.images().channels();
    }

    public int height() {
        return train.images().height() / poolFactor;
    }

    public int width() {
        return train.images().width() / poolFactor;
    }

    /** Values per image. */
    public int dimension() {
        return channels() * height() * width();
    }

    /** 3 when grayscale images are replicated to RGB, else 1. */
    public int copies() {
        return copies;
    }

    public int trainCount(int k) {
        return k < classes ? trainCounts[k] : 0;
    }

    /** How often each class occurs in the training images. */
    public double[] trainFrequencies() {
        double[] frequencies = new double[classes];
        for (int k = 0; k < classes; k++) {
            frequencies[k] = (double) trainCounts[k] / train.count();
        }
        return frequencies;
    }

    /** The training images of class {@code k} as rows (pooled, replicated), for samplers that need the data itself. */
    public double[][] trainRows(int k) {
        return rows(train, k, copies > 1);
    }

    private double[][] rows(LabeledImages images, int k, boolean rgb) {
        return IntStream.range(0, images.count()).filter(i -> images.labels()[i] == k)
                .mapToObj(i -> Pixels.row(images.images(), i, poolFactor, rgb)).toArray(double[][]::new);
    }

    /** Every validation image as a row (pooled, replicated), in the validation order. */
    public double[][] validationRows() {
        return validationRows;
    }

    public int[] validationLabels() {
        return validation.labels();
    }

    /** The validation images of class {@code k}, in the validation order. */
    public double[][] validationRows(int k) {
        int[] labels = validation.labels();
        return IntStream.range(0, labels.length).filter(i -> labels[i] == k).mapToObj(i -> validationRows[i])
                .toArray(double[][]::new);
    }

    /** The mean of the validation images of class {@code k} (the Conrad and bounded-shift sets use it). */
    public double[] validationMean(int k) {
        return validationMeans.computeIfAbsent(k, c -> {
            double[][] rows = validationRows(c);
            if (rows.length == 0) {
                throw new IllegalArgumentException("class " + c + " has no validation images");
            }
            double[] mean = new double[dimension()];
            for (double[] row : rows) {
                for (int p = 0; p < mean.length; p++) {
                    mean[p] += row[p];
                }
            }
            for (int p = 0; p < mean.length; p++) {
                mean[p] /= rows.length;
            }
            return mean;
        });
    }

    /** Mean and scatter of the grayscale (not replicated) training images of class {@code k}. */
    public ClassStatistics statistics(int k) {
        return statistics.computeIfAbsent(k, c -> compute == null ? ClassStatistics.fit(baseRows(c)) : fitPixels(c));
    }

    /** The statistics of class {@code k} from its pixels as integers (block sums when pooled) on the compute service. */
    private ClassStatistics fitPixels(int k) {
        requireTrainingImages(k);
        ImageArray images = train.images();
        int d = images.channels() * height() * width();
        int[] integers = new int[trainCounts[k] * d];
        int row = 0;
        for (int i = 0; i < train.count(); i++) {
            if (train.labels()[i] == k) {
                Pixels.blockSums(images, i, poolFactor, integers, row++ * d);
            }
        }
        return ClassStatistics.fit(compute, integers, row, d, 255.0 * poolFactor * poolFactor);
    }

    private double[][] baseRows(int k) {
        requireTrainingImages(k);
        return rows(train, k, false);
    }

    private void requireTrainingImages(int k) {
        if (trainCount(k) == 0) {
            throw new IllegalArgumentException("class " + k + " has no training images");
        }
    }

    /** The class's Gaussian, shrunk unless these models were made without shrinkage. */
    public ClassGaussian gaussian(int k) {
        return gaussians.computeIfAbsent(k, c -> ClassGaussian.fit(statistics(c), copies, shrinkage));
    }

    /** The class's quantile tables, one per value of an image (the grayscale tables repeated for replicas). */
    public QuantileTable quantiles(int k) {
        return quantiles.computeIfAbsent(k, c -> {
            double[][] table = QuantileTable.fit(baseRows(c)).table();
            double[][] full = new double[table.length * copies][];
            for (int p = 0; p < full.length; p++) {
                full[p] = table[p % table.length];
            }
            return new QuantileTable(full);
        });
    }

    /** The Gaussian transport map from class {@code source} to class {@code target}, from the source's cached roots. */
    public ClassTransport transport(int source, int target) {
        return ClassTransport.between(gaussian(source), roots(source), gaussian(target));
    }

    /** The roots of class {@code source}'s covariance that its transport maps share, computed once. */
    public ClassTransport.Roots roots(int source) {
        return roots.computeIfAbsent(source, c -> ClassTransport.Roots.of(gaussian(c)));
    }
}
