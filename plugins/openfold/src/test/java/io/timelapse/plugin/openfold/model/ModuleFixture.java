package io.timelapse.plugin.openfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One module fixture in test resources, read through {@link ModuleFiles} as {@code openfold module} reads
 * a user's files, plus the fixture's expected outputs and float32 tolerance.
 */
public final class ModuleFixture {

    private final String name;
    private final ModuleFiles files;

    private ModuleFixture(String name, ModuleFiles files) {
        this.name = name;
        this.files = files;
    }

    public static ModuleFixture of(String name) {
        return new ModuleFixture(name, ModuleFiles.open(folder(name)));
    }

    public int intArg(String key) {
        return files.intArg(key);
    }

    public double doubleArg(String key) {
        return files.doubleArg(key);
    }

    /** The fixtures' suggested float32 tolerance: max(1e-4, 5 × the float32-vs-float64 difference of OpenFold). */
    public double atol(String output) {
        // A fixture that records no float32-vs-float64 difference gets the floor.
        return Math.max(1e-4, 5 * files.meta().path("fp32_vs_fp64_max_abs_diff").path(output).asDouble(0));
    }

    /** A placeholder of the input's shape. */
    public Tensor placeholder(Ops ops, String input) {
        return ops.placeholder(input, DType.F32, value(input).shape());
    }

    public HostTensor value(String input) {
        return files.value(input);
    }

    /** The weights under their state-dict keys, renamed by {@code rename} (for example to another scope). */
    public Map<String, HostTensor> params(UnaryOperator<String> rename) {
        Map<String, HostTensor> params = new LinkedHashMap<>();
        files.params().forEach((key, value) -> params.put(rename.apply(key), value));
        return params;
    }

    /** A session of {@code graph} whose variables of {@code module} hold exactly the fixture's weights. */
    public Session session(Graph graph, Module module) {
        Session session = graph.newSession();
        session.initialize();
        files.load(session, module);
        return session;
    }

    /** Asserts {@code actual} equals the fixture's output within its tolerance (rtol 1e-4); returns the max abs error. */
    public double assertOutput(String output, HostTensor actual) {
        return assertOutput(output, actual, atol(output));
    }

    /** As {@link #assertOutput(String, HostTensor)} with the absolute tolerance {@code atol} (for float64 runs, say). */
    public double assertOutput(String output, HostTensor actual, double atol) {
        Fixtures.Array expected = load("output." + output);
        assertTrue(Shape.of(toLongs(expected.shape())).equals(actual.shape()), output + ": shape " + actual.shape());
        Fixtures.assertClose(expected.data(), actual.toDoubles(), atol, 1e-4, name + " " + output);
        return maxAbsDiff(expected.data(), actual.toDoubles());
    }

    public static double maxAbsDiff(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private Fixtures.Array load(String file) {
        return Fixtures.load(name, file);
    }

    private static long[] toLongs(int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape[i];
        }
        return dims;
    }

    private static Path folder(String name) {
        return Fixtures.resourcePath("fixtures/" + name);
    }

    /** The one tensor {@code fetch} of a run with {@code feeds}. */
    public static HostTensor run(Session session, Map<Tensor, HostTensor> feeds, Tensor fetch) {
        return session.run(feeds, List.of(fetch)).get(0);
    }

    /** {@code actual} has {@code expected}'s shape and is within {@code atol} of it everywhere. */
    public static void assertSameValues(HostTensor expected, HostTensor actual, double atol, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double diff = maxAbsDiff(expected.toDoubles(), actual.toDoubles());
        assertTrue(diff <= atol, what + ": max abs difference " + diff);
    }
}
