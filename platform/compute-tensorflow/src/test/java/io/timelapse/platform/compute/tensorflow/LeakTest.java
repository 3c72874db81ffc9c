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
 * 12,000 training steps (feed, fetch and target every step) leave native memory flat. The test runs
 * in a JVM of its own on a fixed, pre-touched heap, so the resident size moves only with native
 * memory. After 4,000 warm-up steps the remaining 8,000 form eight segments; a leak raises the
 * lowest resident size of every segment, while transient growth (the JIT compiler's arenas, a malloc
 * arena) shows in one. Not closing the
 * fetched loss (leaving it to the garbage collector) raises each segment by about 0.15 to 0.2 MB.
 */
class LeakTest {

    private static final int WARM_UP = 4_000;
    private static final int SEGMENTS = 8;
    private static final int SEGMENT_STEPS = 1_000;
    private static final int SAMPLE_EVERY = 50;
    private static final long STEADY_GROWTH_PER_SEGMENT = 100L << 10;
    private static final long TOTAL_GROWTH = 32L << 20;

    @Test
    void twelveThousandTrainingStepsKeepNativeMemoryFlat() {
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
        long[] residentMinima = minima(resident);
        long[] javacppMinima = minima(javacpp);
        long steady = medianIncrement(residentMinima);
        long total = residentMinima[SEGMENTS - 1] - residentMinima[0];
        System.out.printf("leak test: resident segment minima %s MB; median growth of the minimum per 1,000 steps %d bytes, total %d bytes;"
                + " JavaCPP-tracked %s bytes%n", Arrays.toString(Arrays.stream(residentMinima).mapToObj(m -> String.format("%.1f", m / 1e6)).toArray()),
                steady, total, Arrays.toString(javacppMinima));
        assertTrue(steady < STEADY_GROWTH_PER_SEGMENT, "resident memory grows by " + steady + " bytes per 1,000 steps (median)");
        assertTrue(total < TOTAL_GROWTH, "resident memory grew by " + total + " bytes over 7,000 steps");
        assertTrue(medianIncrement(javacppMinima) < STEADY_GROWTH_PER_SEGMENT, "JavaCPP-tracked memory grows: " + Arrays.toString(javacppMinima));
    }

    private static long[] minima(long[][] segments) {
        long[] minima = new long[segments.length];
        for (int i = 0; i < segments.length; i++) {
            minima[i] = Arrays.stream(segments[i]).min().orElseThrow();
        }
        return minima;
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
