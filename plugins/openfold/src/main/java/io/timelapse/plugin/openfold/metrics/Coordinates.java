package io.timelapse.plugin.openfold.metrics;

/** Shape checks and masking shared by the metrics. */
final class Coordinates {

    private Coordinates() {}

    static void checkSameShape(double[][] pred, double[][] truth, double[] mask) {
        if (pred.length != truth.length || mask.length != truth.length) {
            throw new IllegalArgumentException("predicted (" + pred.length + "), true (" + truth.length
                    + ") and mask (" + mask.length + ") must have the same number of residues");
        }
        for (int i = 0; i < truth.length; i++) {
            if (pred[i].length != 3 || truth[i].length != 3) {
                throw new IllegalArgumentException("coordinates of residue " + i + " must have 3 components");
            }
        }
    }

    static double count(double[] mask) {
        double n = 0;
        for (double m : mask) {
            n += m;
        }
        return n;
    }

    /** coords · mask, as OpenFold's validation metrics use them. */
    static double[][] masked(double[][] coords, double[] mask) {
        double[][] out = new double[coords.length][3];
        for (int i = 0; i < coords.length; i++) {
            for (int k = 0; k < 3; k++) {
                out[i][k] = coords[i][k] * mask[i];
            }
        }
        return out;
    }
}
