package io.timelapse.plugin.dsb.sets;

import static io.timelapse.plugin.dsb.Fixtures.assertClose;
import static io.timelapse.plugin.dsb.Fixtures.rows;
import static io.timelapse.plugin.dsb.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.run.Progress;
import io.timelapse.plugin.dsb.TestCompute;
import io.timelapse.plugin.dsb.data.FashionMnist;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.edit.GaussianTransport;
import io.timelapse.plugin.dsb.stats.QuantileTable;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe sets built from the embedded 1024-image validation subset (at 14x14), used here as both the training
 * and the validation images so that the tests need no other data.
 */
class ProbeSetsTest {

    private static LabeledImages validation;
    private static ProbeSets sets;
    /** 7x7 images, where tests do not compare with 14x14 goldens: 49-d transport maps are quick to compute. */
    private static ProbeSets small;

    @BeforeAll
    static void fit() throws IOException {
        validation = FashionMnist.validation();
        sets = ProbeSets.of(ClassModels.of(validation, validation, 2, false, true));
        small = ProbeSets.of(ClassModels.of(validation, validation, 4, false, true));
    }

    private static ProbeSets.Images build(String name, ProbeSets.Options options) {
        return sets.build(name, options, Progress.NONE);
    }

    private static ProbeSets.Images buildSmall(String name, ProbeSets.Options options) {
        return small.build(name, options, Progress.NONE);
    }

    @Test
    void statisticsFromIntegerPixelsOnTheComputeServiceEqualTheHostFit() {
        // Factor 7 makes block sums up to 12,495: centred values may then be too large for float32 squares.
        for (int factor : new int[] {1, 2, 7}) {
            ClassModels host = ClassModels.of(validation, validation, factor, false, true);
            ClassModels compute = ClassModels.of(validation, validation, factor, false, true, TestCompute.SERVICE);
            for (int k : new int[] {0, 9}) {
                assertArrayEquals(host.statistics(k).mean(), compute.statistics(k).mean(), 1e-15, "mean, factor " + factor);
                assertClose(host.statistics(k).scatter(), compute.statistics(k).scatter(), 1e-11, "scatter, factor " + factor);
            }
        }
    }

    @Test
    void realIsTheValidationSubset() {
        ProbeSets.Images real = build(ProbeSets.REAL, ProbeSets.Options.defaults());
        assertArrayEquals(validation.labels(), real.labels());
        assertEquals(196, real.rows()[0].length);
        double[][] class0 = IntStream.range(0, 1024).filter(i -> real.labels()[i] == 0).mapToObj(i -> real.rows()[i])
                .toArray(double[][]::new);
        assertClose(rows("fm14_bshift_inputs_c0_val"), class0, 1e-15, "class-0 validation images");
        ProbeSet probe = real.toProbeSet(1, 14, 14);
        assertEquals(1024, probe.count());
        assertEquals((float) real.rows()[3][17], probe.pixels()[3 * 196 + 17]);
    }

    @Test
    void validationMeansAreTheGoldenOnes() {
        assertClose(vector("fm14_conrad_mu_val_c0"), sets.models().validationMean(0), 1e-15, "mean 0");
        assertClose(vector("fm14_bshift_target_mean_c1_val"), sets.models().validationMean(1), 1e-15, "mean 1");
    }

    @Test
    void shiftedMovesEveryClassOntoEveryOtherAndMatchesTheGolden() {
        ProbeSets.Images shifted = build(ProbeSets.SHIFTED, ProbeSets.Options.defaults());
        assertEquals(9 * 1024, shifted.labels().length);
        assertEquals(9 * 1024, sets.size(ProbeSets.SHIFTED, ProbeSets.Options.defaults()));
        // Source 0 comes first; its first target is class 1.
        double[][] firstGroup = Arrays.copyOf(shifted.rows(), 102);
        assertClose(rows("fm14_bshift_outputs_c0_to_c1"), firstGroup, 1e-7, "shift 0 -> 1");
        assertTrue(IntStream.range(0, 102).allMatch(i -> shifted.labels()[i] == 1));
    }

    @Test
    void gotAndCqnEditEveryValidationImageOntoAnotherClass() {
        ProbeSets.Options options = ProbeSets.Options.defaults().withSeed(7);
        ProbeSets.Images got = buildSmall(ProbeSets.GOT, options);
        ProbeSets.Images cqn = buildSmall(ProbeSets.CQN, options);
        assertArrayEquals(got.labels(), cqn.labels(), "same targets");
        int[] sources = validation.labels();
        assertTrue(IntStream.range(0, 1024).allMatch(i -> got.labels()[i] != sources[i]));
        assertEquals(10, IntStream.of(got.labels()).distinct().count());
        double[][] real = small.models().validationRows();
        for (int i : new int[] {0, 500, 1023}) {
            int s = sources[i];
            int t = got.labels()[i];
            assertArrayEquals(small.models().transport(s, t).apply(real[i]), got.rows()[i]);
            QuantileTable target = small.models().quantiles(t);
            for (int p = 0; p < 49; p++) {
                int bin = small.models().quantiles(s).binOf(p, real[i][p]);
                assertEquals(target.value(p, bin), cqn.rows()[i][p]);
            }
        }
        assertArrayEquals(got.labels(), buildSmall(ProbeSets.GOT, options).labels(), "seeded");
        assertFalse(Arrays.equals(got.labels(), buildSmall(ProbeSets.GOT, options.withSeed(8)).labels()));
    }

    @Test
    void gaussianSamplesHaveTheClassMeans() {
        ProbeSets.Images gaussian = buildSmall(ProbeSets.GAUSSIAN, ProbeSets.Options.defaults().withCount("gaussian", 3000));
        assertEquals(3000, gaussian.labels().length);
        double[] mean = new double[49];
        int n = 0;
        for (int i = 0; i < 3000; i++) {
            if (gaussian.labels()[i] == 1) {
                n++;
                for (int p = 0; p < 49; p++) {
                    mean[p] += gaussian.rows()[i][p];
                }
            }
        }
        // Labels follow the class frequencies (~10% each); the sample mean is within a few standard errors.
        assertTrue(n > 200 && n < 400, "class-1 samples: " + n);
        double[] expected = small.models().gaussian(1).mean();
        for (int p = 0; p < 49; p++) {
            double sd = Math.sqrt(small.models().gaussian(1).block().get(p, p) / n);
            assertEquals(expected[p], mean[p] / n, 5 * sd + 1e-12, "pixel " + p);
        }
        boolean outside = Arrays.stream(gaussian.rows()).flatMapToDouble(Arrays::stream).anyMatch(v -> v < 0 || v > 1);
        assertTrue(outside, "unclipped, as in the paper");
        ProbeSets.Images clipped = buildSmall(ProbeSets.GAUSSIAN, ProbeSets.Options.defaults().withClip(true));
        assertTrue(Arrays.stream(clipped.rows()).flatMapToDouble(Arrays::stream).allMatch(v -> v >= 0 && v <= 1));
    }

    @Test
    void firstOrderSetsStayInTheUnitInterval() {
        ProbeSets.Images independent = build(ProbeSets.INDEPENDENT, ProbeSets.Options.defaults());
        assertEquals(1024, independent.labels().length);
        QuantileTable table = sets.models().quantiles(independent.labels()[0]);
        for (int p = 0; p < 196; p++) {
            double v = independent.rows()[0][p];
            int bin = table.binOf(p, v);
            assertEquals(v, table.value(p, bin), "a quantile of the class's table");
        }
        ProbeSets.Images maxent = build(ProbeSets.MAXENT, ProbeSets.Options.defaults());
        int[] sorted = validation.labels().clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, maxent.labels(), "as many per class as the validation images");
        assertTrue(Arrays.stream(maxent.rows()).flatMapToDouble(Arrays::stream).allMatch(v -> v >= 0 && v <= 1));
        assertEquals(500, build(ProbeSets.MAXENT, ProbeSets.Options.defaults().withCount("maxent", 500)).labels().length);
    }

    @Test
    void rgbEditsEqualTheDirectMapBetweenTheReplicatedCovariances() {
        // 7x7 images keep the direct 147-d decomposition quick.
        ProbeSets gray = small;
        ProbeSets rgb = ProbeSets.of(ClassModels.of(validation, validation, 4, true, true));
        ProbeSets.Options options = ProbeSets.Options.defaults().withSeed(3);
        ProbeSets.Images grayEdits = gray.build(ProbeSets.GOT, options, Progress.NONE);
        ProbeSets.Images replicated = rgb.build(ProbeSets.GOT, options, Progress.NONE);
        assertArrayEquals(grayEdits.labels(), replicated.labels(), "the same targets");
        assertEquals(3 * 49, replicated.rows()[0].length);
        int s = validation.labels()[0];
        int t = replicated.labels()[0];
        ClassGaussian source = rgb.models().gaussian(s);
        ClassGaussian target = rgb.models().gaussian(t);
        double[] direct = GaussianTransport.between(source.fullMean(), source.covariance(), target.fullMean(),
                target.covariance()).apply(rgb.models().validationRows()[0]);
        assertClose(direct, replicated.rows()[0], 1e-9, "147-d map");
        assertClose(Arrays.copyOf(direct, 49), Arrays.copyOfRange(replicated.rows()[0], 98, 147), 1e-9, "replicas");
        assertEquals(3, rgb.models().channels());
    }

    @Test
    void samplersAreTheExtensionPoint() {
        assertEquals(ProbeSets.BUILT_IN, sets.available());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> build(ProbeSets.TRUNCATED_NORMAL, ProbeSets.Options.defaults()));
        assertEquals("no sampler for the truncated_normal set is installed", missing.getMessage());
        ProbeSets extended = sets.withSampler(ProbeSets.THIRD_ORDER, (models, count, seed) ->
                new ProbeSets.Images(ProbeSets.THIRD_ORDER, new double[count.orElse(2)][models.dimension()],
                        new int[count.orElse(2)]));
        assertEquals(List.of("real", "independent", "maxent", "gaussian", "third_order", "got", "cqn", "shifted"),
                extended.available());
        assertEquals(5, extended.build(ProbeSets.THIRD_ORDER, ProbeSets.Options.defaults().withCount("third_order", 5),
                Progress.NONE).labels().length);
        assertThrows(IllegalArgumentException.class, () -> sets.withSampler(ProbeSets.GAUSSIAN,
                (models, count, seed) -> null));
    }
}
