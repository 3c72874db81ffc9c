package io.timelapse.plugin.dsb.sets;

/** Images made of {@code copies} consecutive copies of a base image (the paper's RGB replication, CHW order). */
final class Replicas {

    private Replicas() {}

    static double[] replicate(double[] base, int copies) {
        double[] full = new double[base.length * copies];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(base, 0, full, c * base.length, base.length);
        }
        return full;
    }

    /** The mean of the copies of an image of {@code copies × d} values. */
    static double[] average(double[] full, int copies) {
        int d = full.length / copies;
        double[] average = new double[d];
        for (int k = 0; k < full.length; k++) {
            average[k % d] += full[k];
        }
        for (int i = 0; i < d; i++) {
            average[i] /= copies;
        }
        return average;
    }
}
