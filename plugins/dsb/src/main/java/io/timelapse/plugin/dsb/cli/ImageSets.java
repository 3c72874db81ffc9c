package io.timelapse.plugin.dsb.cli;

import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.data.Pixels;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import java.util.Arrays;

/** Labelled images as the float rows a classifier takes, converted one image at a time. */
final class ImageSets {

    private ImageSets() {}

    /** {@code images} as a set named {@code name}: pooled by {@code factor}, replicated to RGB if asked. */
    static ProbeSet of(String name, LabeledImages images, int factor, boolean rgb) {
        int channels = rgb ? 3 : images.images().channels();
        int height = images.images().height() / factor;
        int width = images.images().width() / factor;
        int d = channels * height * width;
        float[] pixels = new float[images.count() * d];
        for (int i = 0; i < images.count(); i++) {
            double[] row = Pixels.row(images.images(), i, factor, rgb);
            for (int p = 0; p < d; p++) {
                pixels[i * d + p] = (float) row[p];
            }
        }
        return new ProbeSet(name, channels, height, width, pixels, images.labels().clone());
    }

    /** The first {@code count} images of a grayscale {@code set} (all, if fewer) replicated to three identical channels. */
    static ProbeSet replicated(ProbeSet set, int count) {
        if (set.channels() != 1) {
            throw new IllegalArgumentException(set.name() + " has " + set.channels() + " channels; only grayscale images are replicated");
        }
        int n = Math.min(count, set.count());
        int d = set.dimension();
        float[] pixels = new float[n * 3 * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(set.pixels(), i * d, pixels, (i * 3 + c) * d, d);
            }
        }
        return new ProbeSet(set.name(), 3, set.height(), set.width(), pixels, Arrays.copyOf(set.labels(), n));
    }

    /** The shape of {@code set}'s images with {@code classes} classes. */
    static ImageShape shape(ProbeSet set, int classes) {
        return new ImageShape(set.channels(), set.height(), set.width(), classes);
    }

    /** One more than the largest of the labels, at least 2: the number of classes the classifier needs. */
    static int classes(int[]... labels) {
        int max = 1;
        for (int[] some : labels) {
            for (int label : some) {
                max = Math.max(max, label + 1);
            }
        }
        return max;
    }
}
