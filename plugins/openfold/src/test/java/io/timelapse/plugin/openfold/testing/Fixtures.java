package io.timelapse.plugin.openfold.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads the golden .npy fixtures copied into test resources (through the platform NPY library) and
 * compares arrays within tolerances.
 */
public final class Fixtures {

    /** A loaded array: shape and values widened to double. */
    public record Array(int[] shape, double[] data) {
        public int size() {
            return data.length;
        }

        public double get(int... index) {
            int flat = 0;
            for (int i = 0; i < index.length; i++) {
                flat = flat * shape[i] + index[i];
            }
            return data[flat];
        }

        public float[] toFloats() {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return f;
        }

        public int[] toInts() {
            int[] v = new int[data.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (int) data[i];
            }
            return v;
        }
    }

    private Fixtures() {}

    public static Array load(String fixture, String name) {
        String resource = "/fixtures/" + fixture + "/" + name + ".npy";
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            NpyArray array = Npy.read(in, resource);
            long[] shape = array.shape();
            int[] dims = new int[shape.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = (int) shape[i];
            }
            return new Array(dims, array.asDoubleArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path resourcePath(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/" + relative).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void assertClose(double[] expected, double[] actual, double atol, double rtol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            double diff = Math.abs(expected[i] - actual[i]);
            assertTrue(diff <= tol, what + "[" + i + "]: expected " + expected[i] + " got " + actual[i]);
        }
    }

    public static void assertClose(double[] expected, float[] actual, double atol, double rtol, String what) {
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            widened[i] = actual[i];
        }
        assertClose(expected, widened, atol, rtol, what);
    }

    public static void assertExactInts(double[] expected, int[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals((int) expected[i], actual[i], what + "[" + i + "]");
        }
    }
}
