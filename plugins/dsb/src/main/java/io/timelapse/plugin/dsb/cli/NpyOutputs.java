package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.run.Run;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import org.ejml.data.DMatrixRMaj;

/** Result arrays as float64 (or int64) {@code .npy} files in a run directory, C order, as numpy reads them. */
final class NpyOutputs {

    private NpyOutputs() {}

    static void vector(Run run, String name, double[] values) throws IOException {
        write(run, name, NpyArray.ofDoubles(values, values.length));
    }

    static void matrix(Run run, String name, DMatrixRMaj matrix) throws IOException {
        write(run, name, NpyArray.ofDoubles(matrix.data, matrix.numRows, matrix.numCols));
    }

    /** Rows of equal length as an {@code n × d} array. */
    static void rows(Run run, String name, double[][] rows) throws IOException {
        int d = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        write(run, name, NpyArray.ofDoubles(flat, rows.length, d));
    }

    static void longs(Run run, String name, long[] values, long... shape) throws IOException {
        write(run, name, NpyArray.ofLongs(values, shape));
    }

    static void labels(Run run, String name, int[] labels) throws IOException {
        write(run, name, NpyArray.ofLongs(java.util.Arrays.stream(labels).asLongStream().toArray(), labels.length));
    }

    private static void write(Run run, String name, NpyArray array) throws IOException {
        run.write(name, out -> Npy.write(out, array));
    }
}
