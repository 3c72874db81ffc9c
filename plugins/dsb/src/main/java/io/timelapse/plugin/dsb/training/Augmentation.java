package io.timelapse.plugin.dsb.training;

import io.timelapse.plugin.dsb.model.ImageShape;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What is done to a training image before each step. The paper applies RandAugment, a random horizontal flip and a
 * random crop with zero padding of a side over 8 ({@code RandomCrop(h, padding=h//8)}); RandAugment is not offered.
 */
public enum Augmentation {
    /** The image as it is. */
    NONE,
    /** A horizontal flip with probability 1/2, then a random crop of the image padded by {@code height / 8} zeros. */
    FLIP_CROP;

    /** The option value, such as {@code flip-crop}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The augmentation an option value names, or null. */
    public static Augmentation parse(String label) {
        for (Augmentation a : values()) {
            if (a.label().equals(label)) {
                return a;
            }
        }
        return null;
    }

    /** Writes image {@code source} of {@code from} (CHW rows) to {@code target} of {@code to}, augmented. */
    void apply(float[] from, int source, float[] to, int target, ImageShape shape, SplittableRandom random) {
        int d = shape.dimension();
        if (this == NONE) {
            System.arraycopy(from, source * d, to, target * d, d);
            return;
        }
        int h = shape.height();
        int w = shape.width();
        boolean flip = random.nextBoolean();
        int pad = h / 8;
        // The crop's corner in the padded image, 0 … 2·pad; its offset from the unpadded corner is that minus pad.
        int dy = random.nextInt(2 * pad + 1) - pad;
        int dx = random.nextInt(2 * pad + 1) - pad;
        for (int c = 0; c < shape.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                int out = target * d + plane + y * w;
                if (sy < 0 || sy >= h) {
                    java.util.Arrays.fill(to, out, out + w, 0f);
                    continue;
                }
                int row = source * d + plane + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = x + dx;
                    if (sx < 0 || sx >= w) {
                        to[out + x] = 0f;
                    } else {
                        to[out + x] = from[row + (flip ? w - 1 - sx : sx)];
                    }
                }
            }
        }
    }
}
