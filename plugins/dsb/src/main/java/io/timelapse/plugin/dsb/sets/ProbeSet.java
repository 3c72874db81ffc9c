package io.timelapse.plugin.dsb.sets;

import java.util.Objects;

/**
 * One probe set as the paper scores it: images as float rows in CHW order (pixel units, 0 … 1 for real
 * images; Gaussian samples and Gaussian edits are left unclipped as in the paper) and, for every image,
 * the label it is scored against. For an edit that is the target class.
 *
 * @param name the set's name in the paper's code and CSV columns ({@code real}, {@code independent},
 *     {@code maxent}, {@code gaussian}, {@code truncated_normal}, {@code third_order}, {@code got},
 *     {@code cqn}, {@code shifted})
 * @param pixels {@code count × channels × height × width} values, image after image
 */
public record ProbeSet(String name, int channels, int height, int width, float[] pixels, int[] labels) {

    public ProbeSet {
        Objects.requireNonNull(name, "name");
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel values for " + labels.length
                + " images of " + channels + "x" + height + "x" + width);
        }
    }

    public int count() {
        return labels.length;
    }

    /** Values per image. */
    public int dimension() {
        return channels * height * width;
    }
}
