package io.timelapse.lib.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticks of a log axis: labelled major ticks at whole decades (every {@code step}-th one), minor
 * ticks at 2…9 × 10ⁿ, or at the unlabelled decades when majors skip some.
 *
 * @param majors the decade exponents that get a labelled tick, ascending
 * @param minors the values of the unlabelled ticks, ascending
 */
record DecadeTicks(List<Integer> majors, List<Double> minors) {

    /** Steps between labelled decades, smallest first. */
    private static final int[] STEPS = {1, 2, 3, 5, 10, 20, 50, 100};
    /** Tolerance on exponents, so that 10¹² computed as 10^11.999999999999998 still counts. */
    private static final double EPSILON = 1e-9;
    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /** The ticks in {@code [lower, upper]}, labelling every {@code step}-th decade. */
    static DecadeTicks between(double lower, double upper, int step) {
        int first = (int) Math.ceil(Math.log10(lower) - EPSILON);
        int last = (int) Math.floor(Math.log10(upper) + EPSILON);
        List<Integer> majors = new ArrayList<>();
        List<Double> minors = new ArrayList<>();
        for (int k = first - 1; k <= last; k++) {
            if (k >= first && Math.floorMod(k, step) == 0) {
                majors.add(k);
            } else if (k >= first && step > 1) {
                minors.add(decade(k));
            }
            for (int m = 2; m <= 9 && step == 1; m++) {
                double v = m * decade(k);
                if (v >= lower && v <= upper) {
                    minors.add(v);
                }
            }
        }
        return new DecadeTicks(majors, minors);
    }

    /** The smallest step that labels at most {@code maxLabels} decades of {@code [lower, upper]}. */
    static int step(double lower, double upper, int maxLabels) {
        double decades = Math.log10(upper) - Math.log10(lower);
        for (int step : STEPS) {
            if (Math.floor(decades / step + EPSILON) + 1 <= Math.max(2, maxLabels)) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /**
     * The range a log axis shows for data in {@code [min, max]}: the data with a small margin, widened
     * to the enclosing decades when fewer than two decades would be labelled otherwise.
     */
    static double[] range(double min, double max) {
        if (!(min > 0) || !(max >= min)) {
            return new double[] {1, 10};
        }
        double low = Math.log10(min);
        double high = Math.log10(max);
        double margin = 0.05 * (high - low);
        low -= margin;
        high += margin;
        if (Math.floor(high + EPSILON) - Math.ceil(low - EPSILON) < 1) {
            low = Math.floor(low + EPSILON);
            high = Math.ceil(high - EPSILON);
            if (low == high) {
                low -= 1;
                high += 1;
            }
            return new double[] {decade((int) low), decade((int) high)};
        }
        return new double[] {Math.pow(10, low), Math.pow(10, high)};
    }

    /** {@code 10ⁿ} exactly. */
    static double decade(int exponent) {
        return Double.parseDouble("1e" + exponent);
    }

    /** A power of ten as text, such as {@code 10¹²} or {@code 10⁻³}: plain text, so SVG keeps it as text. */
    static String label(int exponent) {
        StringBuilder label = new StringBuilder("10");
        if (exponent < 0) {
            label.append('⁻');
        }
        for (char digit : Integer.toString(Math.abs(exponent)).toCharArray()) {
            label.append(SUPERSCRIPT_DIGITS.charAt(digit - '0'));
        }
        return label.toString();
    }
}
