package io.timelapse.testkit.compute;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Training steps (feed, fetch and target every step) leave native memory flat. Run it in a JVM of its
 * own on a fixed, pre-touched heap ({@code -Xms384m -Xmx384m -XX:+AlwaysPreTouch}), so the backend's
 * memory ({@link ComputeService#memory()}, the resident size for a host backend) moves only with
 * native memory.
 *
 * <p>After 4,000 warm-up steps, memory is watched in windows of eight segments of 1,000 steps, by two
 * measures. The exact counters a backend offers ({@link #exactNativeCounters()}, for example the
 * native objects and bytes its allocator tracks) are counted exactly: one native object left to the
 * garbage collector per step, as a fetched loss that is not closed, adds 1,000 per segment; no counter
 * may rise in any window. Leaks below the backend show only in the memory in use, which a loaded
 * machine also moves: a leak raises the lowest value of every segment, by 0.15 MB or more for a leak
 * the size of that loss, so the median rise in a window stays above 100 KB in every window; transient
 * growth (the JIT compiler's arenas, a malloc arena, other processes competing for the machine) comes
 * in steps of megabytes, sometimes in several segments one after the other, and then stops. So the
 * memory must be flat in one window of up to four: 8,000 flat steps are impossible with a leak,
 * however loaded the machine.
 */
public abstract class LeakConformance {

    private static final int WARM_UP = 4_000;
    private static final int WINDOWS = 4;
    private static final int SEGMENTS = 8;
    private static final int SEGMENT_STEPS = 1_000;
    private static final int SAMPLE_EVERY = 50;
    private static final long STEADY_GROWTH_PER_SEGMENT = 100L << 10;
    private static final long TOTAL_GROWTH = 32L << 20;

    /** The backend under test. */
    protected abstract ComputeService compute();

    /** Exact counts of the backend's native objects or bytes, by name; none by default. */
    protected Map<String, LongSupplier> exactNativeCounters() {
        return Map.of();
    }

    @Test
    public void trainingStepsKeepNativeMemoryFlat() {
        List<String> windows = new ArrayList<>();
        try (Graph graph = compute().newGraph(3)) {
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
                    Window measured = Window.measure(step, () -> compute().memory().inUseBytes(), exactNativeCounters());
                    System.out.println("leak test: " + measured);
                    windows.add(measured.toString());
                    assertTrue(measured.countersFlat(), "native objects accumulate: " + measured);
                    if (measured.inUseFlat()) {
                        return;
                    }
                }
            }
        }
        fail("memory in use grew in each of " + WINDOWS + " windows of " + SEGMENTS * SEGMENT_STEPS + " steps:\n" + String.join("\n", windows));
    }

    /** The lowest memory in use and the lowest value of each exact counter, per segment of one window. */
    private record Window(long[] inUse, Map<String, long[]> counters) {

        static Window measure(Runnable step, LongSupplier memory, Map<String, LongSupplier> exact) {
            int perSegment = SEGMENT_STEPS / SAMPLE_EVERY;
            long[][] inUse = new long[SEGMENTS][perSegment];
            Map<String, long[][]> counted = new TreeMap<>();
            exact.keySet().forEach(name -> counted.put(name, new long[SEGMENTS][perSegment]));
            for (int measured = 0; measured < SEGMENTS * SEGMENT_STEPS; measured++) {
                step.run();
                if (measured % SAMPLE_EVERY == 0) {
                    int segment = measured / SEGMENT_STEPS;
                    int sample = measured % SEGMENT_STEPS / SAMPLE_EVERY;
                    inUse[segment][sample] = memory.getAsLong();
                    counted.forEach((name, samples) -> samples[segment][sample] = exact.get(name).getAsLong());
                }
            }
            Map<String, long[]> counters = new TreeMap<>();
            counted.forEach((name, samples) -> counters.put(name, minima(samples)));
            return new Window(minima(inUse), counters);
        }

        /** Exact measures, which the machine's load does not move. */
        boolean countersFlat() {
            return counters.values().stream().allMatch(minima -> medianIncrement(minima) <= 0);
        }

        boolean inUseFlat() {
            return medianIncrement(inUse) < STEADY_GROWTH_PER_SEGMENT && inUse[SEGMENTS - 1] - inUse[0] < TOTAL_GROWTH;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(String.format("memory in use, segment minima %s MB; median growth of the minimum"
                            + " per 1,000 steps %d bytes, total %d bytes",
                    Arrays.toString(Arrays.stream(inUse).mapToObj(m -> String.format("%.1f", m / 1e6)).toArray()),
                    medianIncrement(inUse), inUse[SEGMENTS - 1] - inUse[0]));
            counters.forEach((name, minima) -> text.append("; ").append(name).append(' ').append(Arrays.toString(minima)));
            return text.toString();
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
