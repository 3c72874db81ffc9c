package io.timelapse.plugin.dsb.data;

import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Images in a NumPy {@code .npy} file: uint8 {@code [n, h, w]} or channels-last {@code [n, h, w, c]} (c = 1 or 3),
 * or float32/float64 {@code [n, ...]} in [0, 1], each image already flattened in the plugin's CHW row order.
 */
public final class NpyImages {

    private NpyImages() {}

    /** A uint8 image array, as CHW images. */
    public static ImageArray readImages(Path file) throws IOException {
        NpyArray array = read(file);
        if (array.dtype() != DType.UINT8) {
            throw new IOException(file + ": images must be uint8, not " + array.dtype().descriptor());
        }
        return toImages(file, array);
    }

    /** Every image as a row of doubles in [0, 1]: uint8 divided by 255 (CHW), floats as stored. */
    public static double[][] readRows(Path file) throws IOException {
        NpyArray array = read(file);
        if (array.dtype() == DType.UINT8) {
            return Pixels.rows(toImages(file, array), 1, false);
        }
        if (array.dtype() != DType.FLOAT32 && array.dtype() != DType.FLOAT64) {
            throw new IOException(file + ": images must be uint8, float32 or float64, not "
                + array.dtype().descriptor());
        }
        long[] shape = array.shape();
        if (shape.length < 2 || shape[0] == 0) {
            throw new IOException(file + ": expected images of shape [n, ...] with n >= 1, got "
                + Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int d = Math.toIntExact(array.elementCount() / n);
        double[] flat = array.asDoubleArray();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            for (int p = 0; p < d; p++) {
                double v = rows[i][p];
                if (!(v >= 0 && v <= 1)) {
                    throw new IOException(file + ": pixel " + p + " of image " + i + " is " + v
                        + ", outside [0, 1] (float images must be scaled to [0, 1])");
                }
            }
        }
        return rows;
    }

    private static NpyArray read(Path file) throws IOException {
        NpyArray array;
        try {
            array = Npy.read(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        if (array.isFortranOrder()) {
            throw new IOException(file + ": Fortran-ordered arrays are not supported; save the images in C order");
        }
        return array;
    }

    private static ImageArray toImages(Path file, NpyArray array) throws IOException {
        long[] shape = array.shape();
        boolean channelsLast = shape.length == 4 && (shape[3] == 1 || shape[3] == 3);
        if (!(shape.length == 3 || channelsLast) || Arrays.stream(shape).anyMatch(s -> s == 0)) {
            throw new IOException(file + ": expected uint8 images of shape [n, h, w] or [n, h, w, c] with c 1 or 3,"
                + " got " + Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int c = channelsLast ? (int) shape[3] : 1;
        byte[] hwc = array.asByteArray();
        byte[] chw = new byte[hwc.length];
        for (int i = 0; i < n; i++) {
            int base = i * h * w * c;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        chw[base + (k * h + y) * w + x] = hwc[base + (y * w + x) * c + k];
                    }
                }
            }
        }
        return new ImageArray(n, c, h, w, chw);
    }
}
