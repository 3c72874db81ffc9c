package io.timelapse.lib.bench;

/**
 * One figure of a benchmark: ours over the repeats, and optionally its reference's (PyTorch, numpy, direct
 * TensorFlow) measured in the same run and the share of the machine's matmul rate that ours achieved. The speedup
 * is above 1 when ours is better: the reference's median over ours for a time, ours over the reference's for a rate.
 *
 * @param name what was measured, lower-case words joined by '_' ({@code mlp_step})
 * @param unit its unit, as it appears in result keys ({@code ms}, {@code seq_per_s})
 * @param higherIsBetter true for a rate, false for a time
 * @param reference the reference's name ({@code pytorch}), or null
 * @param referenceValue the reference's figure, null exactly when {@code reference} is
 * @param fractionOfMatmul the share of the matmul rate ours achieved (from its median), or null when not compute-bound
 */
public record Metric(String name, String unit, boolean higherIsBetter, Spread ours, String reference, Spread referenceValue,
                     Double fractionOfMatmul) {

    private static final String WORD = "[a-z0-9]+(_[a-z0-9]+)*";

    public Metric {
        if (!name.matches(WORD) || !unit.matches(WORD) || reference != null && !reference.matches(WORD)) {
            throw new IllegalArgumentException("names and units are lower-case words joined by '_': " + name + ", " + unit + ", " + reference);
        }
        if ((reference == null) != (referenceValue == null)) {
            throw new IllegalArgumentException(name + ": a reference needs both its name and its figure");
        }
    }

    /** A time: lower is better. */
    public static Metric time(String name, String unit, Spread ours) {
        return new Metric(name, unit, false, ours, null, null, null);
    }

    /** A rate: higher is better. */
    public static Metric rate(String name, String unit, Spread ours) {
        return new Metric(name, unit, true, ours, null, null, null);
    }

    /** This figure with its reference's, in the same unit. */
    public Metric against(String reference, Spread value) {
        return new Metric(name, unit, higherIsBetter, ours, reference, value, fractionOfMatmul);
    }

    /** This figure with the share of the matmul rate that ours achieved. */
    public Metric ofMatmul(double fraction) {
        return new Metric(name, unit, higherIsBetter, ours, reference, referenceValue, fraction);
    }

    /** How many times better ours is than the reference, from the medians; null without a reference. */
    public Double speedup() {
        if (reference == null) {
            return null;
        }
        return higherIsBetter ? ours.median() / referenceValue.median() : referenceValue.median() / ours.median();
    }

    /** The result key of the speedup: {@code <name>_speedup_vs_<reference>}. */
    public String speedupKey() {
        return name + "_speedup_vs_" + reference;
    }

    /** The result key of the matmul share: {@code <name>_fraction_of_matmul}. */
    public String matmulKey() {
        return name + "_fraction_of_matmul";
    }
}
