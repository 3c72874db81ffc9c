package io.timelapse.plugin.dsb.sets;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.plugin.dsb.data.Pixels;
import io.timelapse.plugin.dsb.probe.ThirdOrderSampler;
import io.timelapse.plugin.dsb.probe.TruncatedNormalSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code truncated_normal} and {@code third_order} sets, whose samples are optimised on the compute service.
 * The total (1024 unless asked otherwise, like the Gaussian set) is split over the classes in proportion to their
 * training frequencies (largest remainders; at least 2 per class with images, as the samplers need). With RGB
 * replication every class is sampled in grayscale and replicated: the statistics are the same and the optimisation
 * about nine times cheaper.
 */
public final class OptimisedSamplers {

    private OptimisedSamplers() {}

    /** {@code sets} plus both optimisation-based sets. */
    public static ProbeSets addTo(ProbeSets sets, ComputeService compute) {
        TruncatedNormalSampler truncated = new TruncatedNormalSampler(compute);
        ThirdOrderSampler thirdOrder = new ThirdOrderSampler(compute);
        return sets
                .withSampler(ProbeSets.TRUNCATED_NORMAL, (models, count, seed) -> perClass(ProbeSets.TRUNCATED_NORMAL,
                        models, count, seed, (k, n, s) -> truncated.sample(models.statistics(k), n, s)))
                .withSampler(ProbeSets.THIRD_ORDER, (models, count, seed) -> perClass(ProbeSets.THIRD_ORDER,
                        models, count, seed, (k, n, s) -> thirdOrder.sample(grayscaleTrainRows(models, k), n, s)));
    }

    @FunctionalInterface
    private interface ClassSampler {
        double[][] sample(int k, int count, long seed);
    }

    private static ProbeSets.Images perClass(String name, ClassModels models, OptionalInt count, long seed,
                                             ClassSampler sampler) {
        int[] counts = split(count.orElse(ProbeSets.GAUSSIAN_COUNT), models);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                continue;
            }
            for (double[] gray : sampler.sample(k, counts[k], seed + k)) {
                rows.add(models.copies() == 1 ? gray : Pixels.replicateRgb(gray, 1));
                labels.add(k);
            }
        }
        return new ProbeSets.Images(name, rows.toArray(double[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Images per class: {@code total} in proportion to the training frequencies, at least 2 for a class with images. */
    static int[] split(int total, ClassModels models) {
        double[] frequencies = models.trainFrequencies();
        int[] counts = new int[frequencies.length];
        double[] remainders = new double[frequencies.length];
        int assigned = 0;
        for (int k = 0; k < counts.length; k++) {
            double exact = total * frequencies[k];
            counts[k] = (int) Math.floor(exact);
            remainders[k] = exact - counts[k];
            assigned += counts[k];
        }
        Integer[] order = new Integer[counts.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
        for (int i = 0; assigned < total; i = (i + 1) % order.length) {
            if (frequencies[order[i]] > 0) {
                counts[order[i]]++;
                assigned++;
            }
        }
        for (int k = 0; k < counts.length; k++) {
            if (frequencies[k] > 0 && counts[k] < 2) {
                counts[k] = 2;
            }
        }
        return counts;
    }

    private static double[][] grayscaleTrainRows(ClassModels models, int k) {
        double[][] rows = models.trainRows(k);
        if (models.copies() == 1) {
            return rows;
        }
        int d = models.dimension() / models.copies();
        return Arrays.stream(rows).map(row -> Arrays.copyOf(row, d)).toArray(double[][]::new);
    }
}
