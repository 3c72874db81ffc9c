package io.timelapse.plugin.dsb.data;

/**
 * The paper's pixel conventions: {@code uint8 / 255.0} as doubles, flattened CHW (row-major within a channel);
 * optional average pooling, done after the division; optional RGB replication of grayscale images.
 */
public final class Pixels {

    private Pixels() {}

    /** Every image as a row of doubles, pooled by {@code poolFactor} (1 for none), then replicated to RGB if asked. */
    public static double[][] rows(ImageArray images, int poolFactor, boolean rgb) {
        double[][] rows = new double[images.count()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(images, i, poolFactor, rgb);
        }
        return rows;
    }

    /** Image {@code i} as {@link #rows} converts it. */
    public static double[] row(ImageArray images, int i, int poolFactor, boolean rgb) {
        double[] x = averagePool(unit(images, i), images.channels(), images.height(), images.width(), poolFactor);
        return rgb ? replicateRgb(x, images.channels()) : x;
    }

    /**
     * Image {@code i} as integers: the sum of the uint8 pixels of every {@code poolFactor × poolFactor} block of each
     * channel (the pixels themselves for 1), so that {@link #row} is these integers over {@code 255 · poolFactor²}.
     * Written into {@code out} from {@code offset}.
     */
    public static void blockSums(ImageArray images, int i, int poolFactor, int[] out, int offset) {
        int height = images.height();
        int width = images.width();
        int outH = height / poolFactor;
        int outW = width / poolFactor;
        for (int c = 0; c < images.channels(); c++) {
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int sum = 0;
                    for (int dy = 0; dy < poolFactor; dy++) {
                        for (int dx = 0; dx < poolFactor; dx++) {
                            sum += images.pixel(i, (c * height + y * poolFactor + dy) * width + x * poolFactor + dx);
                        }
                    }
                    out[offset + (c * outH + y) * outW + x] = sum;
                }
            }
        }
    }

    /** Image {@code i} divided by 255, in CHW order. */
    public static double[] unit(ImageArray images, int i) {
        double[] x = new double[images.size()];
        for (int p = 0; p < x.length; p++) {
            x[p] = images.pixel(i, p) / 255.0;
        }
        return x;
    }

    /** The mean of every {@code factor × factor} block of each channel; height and width must be multiples. */
    public static double[] averagePool(double[] image, int channels, int height, int width, int factor) {
        if (factor < 1 || height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException("cannot pool " + height + "x" + width + " images by " + factor
                + ": the factor must divide both sides");
        }
        if (factor == 1) {
            return image.clone();
        }
        int outH = height / factor;
        int outW = width / factor;
        double[] out = new double[channels * outH * outW];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    // Row sums first, then their sum: numpy's mean over the block axes adds in this order, so
                    // 2x2 pooling is bit-identical to it (quantile edits depend on exact ties with table values).
                    double sum = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        double row = 0;
                        for (int dx = 0; dx < factor; dx++) {
                            row += image[(c * height + y * factor + dy) * width + x * factor + dx];
                        }
                        sum += row;
                    }
                    out[(c * outH + y) * outW + x] = sum / (factor * factor);
                }
            }
        }
        return out;
    }

    /** A grayscale image as three identical channels (CHW), the paper's RGB conversion. */
    public static double[] replicateRgb(double[] gray, int channels) {
        if (channels != 1) {
            throw new IllegalArgumentException("RGB replication needs grayscale images, not " + channels
                + " channels");
        }
        double[] rgb = new double[3 * gray.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(gray, 0, rgb, c * gray.length, gray.length);
        }
        return rgb;
    }
}
