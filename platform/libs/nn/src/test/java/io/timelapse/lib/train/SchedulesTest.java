package io.timelapse.lib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.TestCompute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    private static Graph graph;
    private static Session session;
    private static Tensor step;

    @BeforeAll
    static void open() {
        graph = TestCompute.SERVICE.newGraph(0);
        step = graph.ops().placeholder("step", DType.I64, Shape.scalar());
        session = graph.newSession();
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    private static void assertRates(LearningRateSchedule schedule, long[] steps, double[] expected) {
        Tensor rate = schedule.at(graph.ops(), step);
        for (int i = 0; i < steps.length; i++) {
            try (Outputs out = session.run(Map.of(step, HostTensor.scalar(steps[i])), List.of(rate))) {
                assertEquals(expected[i], out.get(0).scalarValue(), 1e-15, schedule + " at step " + steps[i]);
            }
        }
    }

    @Test
    void constant() {
        assertRates(new LearningRateSchedule.Constant(0.25), new long[] {0, 7, 1000000}, new double[] {0.25, 0.25, 0.25});
    }

    @Test
    void cosineFromPeakToMinimumThenFlat() {
        double half = 0.1 + 0.9 * (1 + Math.sqrt(0.5)) / 2;
        assertRates(new LearningRateSchedule.Cosine(1.0, 0.1, 100), new long[] {0, 25, 50, 100, 150},
                new double[] {1.0, half, 0.55, 0.1, 0.1});
    }

    @Test
    void stepDecayIsPyTorchStepLr() {
        assertRates(new LearningRateSchedule.StepDecay(0.8, 10, 0.5), new long[] {0, 9, 10, 19, 20, 35},
                new double[] {0.8, 0.8, 0.4, 0.4, 0.2, 0.1});
    }

    @Test
    void linearWarmupThenCosine() {
        LearningRateSchedule schedule = new LearningRateSchedule.LinearWarmup(4, new LearningRateSchedule.Cosine(2.0, 0.0, 10));
        assertRates(schedule, new long[] {0, 1, 2, 4, 9, 14, 20}, new double[] {0, 0.5, 1.0, 2.0, 1.0, 0.0, 0.0});
    }

    /** OpenFold's AlphaFoldLRScheduler defaults (lr_schedulers.py): warm-up 1,000, decay ×0.95 after step 50,000, every 50,000. */
    @Test
    void openFoldsScheduleDecaysOneStepAfterItsStart() {
        LearningRateSchedule schedule = new LearningRateSchedule.LinearWarmup(1000,
                new LearningRateSchedule.DelayedStepDecay(1e-3, 49_000, 50_000, 0.95));
        assertRates(schedule, new long[] {0, 500, 1000, 50_000, 50_001, 99_999, 100_000, 150_000},
                new double[] {0, 5e-4, 1e-3, 1e-3, 9.5e-4, 9.5e-4, 1e-3 * 0.95 * 0.95, 1e-3 * Math.pow(0.95, 3)});
    }
}
