package io.timelapse.plugin.dsb.data;

/**
 * {@code count} uint8 images of {@code channels × height × width}, each stored channel-major then row-major (CHW),
 * one after the other in {@code pixels}.
 */
public record ImageArray(int count, int channels, int height, int width, byte[] pixels) {

    public ImageArray {
        if ((long) count * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels do not make " + count + " images of "
                + channels + "x" + height + "x" + width);
        }
    }

    /** Values per image. */
    public int size() {
        return channels * height * width;
    }

    /** Pixel {@code p} (CHW order) of image {@code i}, as 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * size() + p] & 0xff;
    }
}
