package io.timelapse.platform.compute.tensorflow;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Training steps (feed, fetch and target every step) leave native memory flat. The test runs in a JVM
 * of its own on a fixed, pre-touched heap, so the resident size moves only with native memory.
 *
 * <p>After 4,000 warm-up steps, memory is watched in windows of eight segments of 1,000 steps, by two
 * measures. The native objects JavaCPP tracks (tensors, buffers, statuses) are counted exactly: one
 * left to the garbage collector per step, as a fetched loss that is not closed, adds 1,000 per
 * segment; the count must not rise in any window. Leaks inside TensorFlow show only in the resident
 * size, which a loaded machine also moves: a leak raises the lowest resident size of every segment, by
 * 0.15 MB or more for a leak the size of that loss, so the median rise in a window stays above 100 KB
 * in every window; transient growth (the JIT compiler's arenas, a malloc arena, other processes
 * competing for the machine) comes in steps of megabytes, sometimes in several segments one after the
 * other, and then stops. So the resident size must be flat in one window of up to four: 8,000 flat
 * steps are impossible with a leak, however loaded the machine.
 */
class LeakTest {

    private static final int WARM_UP = 4_000;
    private static final int WINDOWS = 4;
    private static final int SEGMENTS = 8;
    private static final int SEGMENT_STEPS = 1_000;
    private static final int SAMPLE_EVERY = 50;
    private static final long STEADY_GROWTH_PER_SEGMENT = 100L << 10;
    private static final long TOTAL_GROWTH = 32L << 20;

    @Test
    void trainingStepsKeepNativeMemoryFlat() {
        List<String> windows = new ArrayList<>();
        try (Graph graph = GraphBasicsTest.COMPUTE.newGraph(3)) {
            TinyMlp mlp = new TinyMlp(graph, 32, 0.1, 0.1);
            HostTensor[][] batches = {TinyMlp.batch(1, 32), TinyMlp.batch(2, 32), TinyMlp.batch(3, 32)};
            try (Session session = graph.newSession()) {
                session.initialize();
                Runnable step = new Runnable() {
                    private int count;

                    @Override
                    public void run() {
                        HostTensor[] batch = batches[count++ % batches.length];
                        Map<Tensor, HostTensor> feeds = Map.of(mlp.x, batch[0], mlp.labels, batch[1]);
                        try (Outputs out = session.run(feeds, List.of(mlp.loss), List.of(mlp.step))) {
                            assertTrue(Double.isFinite(out.get(0).scalarValue()));
                        }
                    }
                };
                for (int i = 0; i < WARM_UP; i++) {
                    step.run();
                }
                for (int window = 0; window < WINDOWS; window++) {
                    Window measured = Window.measure(step);
                    System.out.println("leak test: " + measured);
                    windows.add(measured.toString());
                    assertTrue(measured.javacppFlat(), "native objects accumulate: " + measured);
                    if (measured.residentFlat()) {
                        return;
                    }
                }
            }
        }
        fail("resident memory grew in each of " + WINDOWS + " windows of " + SEGMENTS * SEGMENT_STEPS + " steps:\n" + String.join("\n", windows));
    }

    /** The lowest resident size, JavaCPP-tracked size and JavaCPP object count of each segment of one window. */
    private record Window(long[] resident, long[] javacpp, long[] objects) {

        static Window measure(Runnable step) {
            int perSegment = SEGMENT_STEPS / SAMPLE_EVERY;
            long[][] resident = new long[SEGMENTS][perSegment];
            long[][] javacpp = new long[SEGMENTS][perSegment];
            long[][] objects = new long[SEGMENTS][perSegment];
            for (int measured = 0; measured < SEGMENTS * SEGMENT_STEPS; measured++) {
                step.run();
                if (measured % SAMPLE_EVERY == 0) {
                    resident[measured / SEGMENT_STEPS][measured % SEGMENT_STEPS / SAMPLE_EVERY] = Pointer.physicalBytes();
                    javacpp[measured / SEGMENT_STEPS][measured % SEGMENT_STEPS / SAMPLE_EVERY] = Pointer.totalBytes();
                    objects[measured / SEGMENT_STEPS][measured % SEGMENT_STEPS / SAMPLE_EVERY] = Pointer.totalCount();
                }
            }
            return new Window(minima(resident), minima(javacpp), minima(objects));
        }

        /** Exact measures, which the machine's load does not move. */
        boolean javacppFlat() {
            return medianIncrement(objects) <= 0 && medianIncrement(javacpp) <= 0;
        }

        boolean residentFlat() {
            return medianIncrement(resident) < STEADY_GROWTH_PER_SEGMENT && resident[SEGMENTS - 1] - resident[0] < TOTAL_GROWTH;
        }

        @Override
        public String toString() {
            return String.format("resident segment minima %s MB; median growth of the minimum per 1,000 steps %d bytes, total %d bytes;"
                            + " JavaCPP-tracked %s bytes in %s objects", Arrays.toString(Arrays.stream(resident).mapToObj(m -> String.format("%.1f", m / 1e6)).toArray()),
                    medianIncrement(resident), resident[SEGMENTS - 1] - resident[0], Arrays.toString(javacpp), Arrays.toString(objects));
        }

        private static long[] minima(long[][] segments) {
            long[] minima = new long[segments.length];
            for (int i = 0; i < segments.length; i++) {
                minima[i] = Arrays.stream(segments[i]).min().orElseThrow();
            }
            return minima;
        }

        private static long medianIncrement(long[] minima) {
            long[] increments = new long[minima.length - 1];
            for (int i = 0; i < increments.length; i++) {
                increments[i] = minima[i + 1] - minima[i];
            }
            Arrays.sort(increments);
            return increments[increments.length / 2];
        }
    }
}
