package io.timelapse.plugin.dsb.model;

/** What a classifier takes and gives: images of {@code channels × height × width} values (CHW) and {@code classes} logits. */
public record ImageShape(int channels, int height, int width, int classes) {

    public ImageShape {
        if (channels < 1 || height < 1 || width < 1 || classes < 2) {
            throw new IllegalArgumentException("images of " + channels + "x" + height + "x" + width + " in " + classes
                + " classes: every size must be positive and there must be at least 2 classes");
        }
    }

    /** Values per image. */
    public int dimension() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width + ", " + classes + " classes";
    }
}
