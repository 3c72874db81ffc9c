package io.timelapse.platform.compute.tensorflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * 10,000 training steps (feed, fetch and target every step) leave native memory flat. The module's
 * tests run on a fixed, pre-touched heap, so the resident size moves only with native memory. After
 * 2,000 warm-up steps the remaining 8,000 form eight segments; a leak grows memory in every segment,
 * while one-off steps (the JIT compiler's arenas, a malloc arena) show in one. Not closing the
 * fetched loss (leaving it to the garbage collector) grows each segment by about 0.15 MB.
 */
class LeakTest {

    private static final int WARM_UP = 2_000;
    private static final int SEGMENTS = 8;
    private static final int SEGMENT_STEPS = 1_000;
    private static final int SAMPLE_EVERY = 50;
    private static final long STEADY_GROWTH_PER_SEGMENT = 100L << 10;
    private static final long TOTAL_GROWTH = 32L << 20;

    @Test
    void tenThousandTrainingStepsKeepNativeMemoryFlat() {
        int perSegment = SEGMENT_STEPS / SAMPLE_EVERY;
        long[][] resident = new long[SEGMENTS][perSegment];
        long[][] javacpp = new long[SEGMENTS][perSegment];
        try (Graph graph = GraphBasicsTest.COMPUTE.newGraph(3)) {
            TinyMlp mlp = new TinyMlp(graph, 32, 0.1, 0.1);
            HostTensor[][] batches = {TinyMlp.batch(1, 32), TinyMlp.batch(2, 32), TinyMlp.batch(3, 32)};
            try (Session session = graph.newSession()) {
                session.initialize();
                for (int step = 0; step < WARM_UP + SEGMENTS * SEGMENT_STEPS; step++) {
                    HostTensor[] batch = batches[step % batches.length];
                    Map<Tensor, HostTensor> feeds = Map.of(mlp.x, batch[0], mlp.labels, batch[1]);
                    try (Outputs out = session.run(feeds, List.of(mlp.loss), List.of(mlp.step))) {
                        assertTrue(Double.isFinite(out.get(0).scalarValue()));
                    }
                    int measured = step - WARM_UP;
                    if (measured >= 0 && measured % SAMPLE_EVERY == 0) {
                        resident[measured / SEGMENT_STEPS][measured % SEGMENT_STEPS / SAMPLE_EVERY] = Pointer.physicalBytes();
                        javacpp[measured / SEGMENT_STEPS][measured % SEGMENT_STEPS / SAMPLE_EVERY] = Pointer.totalBytes();
                    }
                }
            }
        }
        long[] residentMedians = medians(resident);
        long[] javacppMedians = medians(javacpp);
        long steady = medianIncrement(residentMedians);
        long total = residentMedians[SEGMENTS - 1] - residentMedians[0];
        System.out.printf("leak test: resident segment medians %s MB; median growth per 1,000 steps %d bytes, total %d bytes;"
                + " JavaCPP-tracked %s bytes%n", Arrays.toString(Arrays.stream(residentMedians).mapToObj(m -> String.format("%.1f", m / 1e6)).toArray()),
                steady, total, Arrays.toString(javacppMedians));
        assertTrue(steady < STEADY_GROWTH_PER_SEGMENT, "resident memory grows by " + steady + " bytes per 1,000 steps (median)");
        assertTrue(total < TOTAL_GROWTH, "resident memory grew by " + total + " bytes over 7,000 steps");
        assertTrue(medianIncrement(javacppMedians) < STEADY_GROWTH_PER_SEGMENT, "JavaCPP-tracked memory grows: " + Arrays.toString(javacppMedians));
    }

    private static long[] medians(long[][] segments) {
        long[] medians = new long[segments.length];
        for (int i = 0; i < segments.length; i++) {
            long[] sorted = segments[i].clone();
            Arrays.sort(sorted);
            medians[i] = sorted[sorted.length / 2];
        }
        return medians;
    }

    private static long medianIncrement(long[] medians) {
        long[] increments = new long[medians.length - 1];
        for (int i = 0; i < increments.length; i++) {
            increments[i] = medians[i + 1] - medians[i];
        }
        Arrays.sort(increments);
        return increments[increments.length / 2];
    }
}
