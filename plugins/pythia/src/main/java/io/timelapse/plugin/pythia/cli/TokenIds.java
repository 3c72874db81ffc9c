package io.timelapse.plugin.pythia.cli;

import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.npy.NpyFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Token ids given on the command line ({@code 1,2,3}) or in an integer {@code .npy} file of one row or many. */
final class TokenIds {

    private TokenIds() {}

    /** Ids separated by commas and/or white space. */
    static int[] parse(String list) {
        String trimmed = list.strip();
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        String[] parts = trimmed.split("[,\\s]+");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ids: '" + parts[i] + "' (item " + (i + 1) + ") is not an integer token id");
            }
        }
        return ids;
    }

    /** The rows of a 1-D ({@code [n]}, one row) or 2-D ({@code [rows, n]}) integer array. */
    static int[][] read(Path file) throws IOException {
        NpyArray array = Npy.read(file);
        if (!array.dtype().isInteger()) {
            throw new NpyFormatException(file.toString(), "dtype " + array.dtype().descriptor() + ", expected an integer type of token ids");
        }
        long[] shape = array.shape();
        if (shape.length != 1 && shape.length != 2) {
            throw new NpyFormatException(file.toString(), "shape " + Arrays.toString(shape) + ", expected (n,) or (rows, n)");
        }
        int rows = shape.length == 1 ? 1 : Math.toIntExact(shape[0]);
        int width = Math.toIntExact(shape[shape.length - 1]);
        int[][] out = new int[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < width; i++) {
                long id = array.getLong((long) r * width + i);
                if (id != (int) id) {
                    throw new NpyFormatException(file.toString(), "value " + id + " at row " + r + ", position " + i + " is not a token id");
                }
                out[r][i] = (int) id;
            }
        }
        return out;
    }
}
