package io.timelapse.plugin.dsb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;

/** The golden values of src/test/resources/dsb (see its README), read with the formats library; .npy.gz gunzipped. */
public final class Fixtures {

    private Fixtures() {}

    public static NpyArray npy(String name) {
        String resource = "/dsb/" + name + ".npy";
        InputStream plain = Fixtures.class.getResourceAsStream(resource);
        try (InputStream in = plain != null ? plain : gunzipped(resource + ".gz")) {
            return Npy.read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean stored(String name) {
        String resource = "/dsb/" + name + ".npy";
        return Fixtures.class.getResource(resource) != null || Fixtures.class.getResource(resource + ".gz") != null;
    }

    private static InputStream gunzipped(String resource) throws IOException {
        InputStream in = Fixtures.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return new GZIPInputStream(in);
    }

    public static double[] vector(String name) {
        return npy(name).asDoubleArray();
    }

    public static long[] longs(String name) {
        return npy(name).asLongArray();
    }

    /** A 2-d array; one stored only as its upper triangle is read with {@link #symmetric}. */
    public static DMatrixRMaj matrix(String name) {
        if (!stored(name)) {
            return symmetric(name);
        }
        NpyArray array = npy(name);
        return new DMatrixRMaj((int) array.dim(0), (int) array.dim(1), true, array.asDoubleArray());
    }

    /** A d×d matrix saved as its upper triangle row by row, {@code m[numpy.triu_indices(d)]}, in {@code name.triu}. */
    private static DMatrixRMaj symmetric(String name) {
        double[] triangle = vector(name + ".triu");
        int d = (int) Math.round((Math.sqrt(8.0 * triangle.length + 1) - 1) / 2);
        assertEquals((long) d * (d + 1) / 2, triangle.length, name + ": not a triangle");
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        int k = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                m.unsafe_set(i, j, triangle[k]);
                m.unsafe_set(j, i, triangle[k++]);
            }
        }
        return m;
    }

    public static double[][] rows(String name) {
        NpyArray array = npy(name);
        int n = (int) array.dim(0);
        int d = (int) array.dim(1);
        double[] flat = array.asDoubleArray();
        double[][] rows = new double[n][d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * d, rows[r], 0, d);
        }
        return rows;
    }

    public static int[][] intRows(String name) {
        NpyArray array = npy(name);
        int n = (int) array.dim(0);
        int d = (int) array.dim(1);
        long[] flat = array.asLongArray();
        int[][] rows = new int[n][d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                rows[r][c] = Math.toIntExact(flat[r * d + c]);
            }
        }
        return rows;
    }

    public static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (!(err <= worst)) {
                worst = err;
                at = i;
            }
        }
        if (!(worst <= tolerance)) {
            throw new AssertionError(what + ": max abs error " + worst + " at " + at + " exceeds " + tolerance
                    + " (expected " + expected[at] + ", got " + actual[at] + ")");
        }
    }

    public static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance, String what) {
        assertEquals(expected.numRows, actual.numRows, what + ": rows");
        assertClose(expected.data, actual.data, tolerance, what);
    }

    public static void assertClose(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int r = 0; r < expected.length; r++) {
            assertClose(expected[r], actual[r], tolerance, what + " row " + r);
        }
    }
}
