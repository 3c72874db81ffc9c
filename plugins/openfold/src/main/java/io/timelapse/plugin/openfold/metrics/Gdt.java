package io.timelapse.plugin.openfold.metrics;

/**
 * "OpenFold-GDT": the fraction of masked-in Cα atoms within each cutoff of the true position,
 * averaged over cutoffs, all after ONE superposition (the Kabsch fit of {@link Superposition}).
 * LGA's GDT searches a separate superposition per cutoff and scores at least as high; values from
 * this class are comparable only with OpenFold's validation numbers, not with CASP's GDT.
 */
public final class Gdt {

    public static final double[] TS_CUTOFFS = {1.0, 2.0, 4.0, 8.0};
    public static final double[] HA_CUTOFFS = {0.5, 1.0, 2.0, 4.0};

    private Gdt() {}

    /** GDT of already superimposed coordinates. */
    public static double score(double[][] superimposed, double[][] truth, double[] mask, double[] cutoffs) {
        Coordinates.checkSameShape(superimposed, truth, mask);
        double n = Coordinates.count(mask);
        double total = 0;
        for (double cutoff : cutoffs) {
            double within = 0;
            for (int i = 0; i < truth.length; i++) {
                double dx = superimposed[i][0] - truth[i][0];
                double dy = superimposed[i][1] - truth[i][1];
                double dz = superimposed[i][2] - truth[i][2];
                if (Math.sqrt(dx * dx + dy * dy + dz * dz) <= cutoff) {
                    within += mask[i];
                }
            }
            total += within / n;
        }
        return total / cutoffs.length;
    }

    public static double ts(double[][] superimposed, double[][] truth, double[] mask) {
        return score(superimposed, truth, mask, TS_CUTOFFS);
    }

    public static double ha(double[][] superimposed, double[][] truth, double[] mask) {
        return score(superimposed, truth, mask, HA_CUTOFFS);
    }
}
