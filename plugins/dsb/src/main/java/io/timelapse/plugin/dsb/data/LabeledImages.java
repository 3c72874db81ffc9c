package io.timelapse.plugin.dsb.data;

/** Images with one class label each. */
public record LabeledImages(ImageArray images, int[] labels) {

    public LabeledImages {
        if (labels.length != images.count()) {
            throw new IllegalArgumentException(labels.length + " labels for " + images.count() + " images");
        }
    }

    public int count() {
        return labels.length;
    }
}
