package io.timelapse.plugin.openfold.structure;

/**
 * Numbers in the fixed columns of a PDB record, read in place: a plain decimal ({@code -12.345}) is parsed without
 * cutting the line into strings, to the same double {@link Double#parseDouble} gives (the digits as an exact integer
 * divided by an exact power of ten, one correctly rounded division); anything else goes to {@code parseDouble}.
 */
final class FixedColumns {

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    private FixedColumns() {}

    /** The decimal number in columns {@code [from, to)}, surrounded by blanks or not. */
    static double decimal(String line, int from, int to) {
        int end = Math.min(to, line.length());
        int start = firstNonBlank(line, from, end);
        end = afterLastNonBlank(line, start, end);
        int i = start;
        boolean negative = i < end && line.charAt(i) == '-';
        if (negative || i < end && line.charAt(i) == '+') {
            i++;
        }
        long digits = 0;
        int count = 0;
        int decimals = -1;
        for (; i < end; i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                return Double.parseDouble(line.substring(start, end));
            }
        }
        if (count == 0 || count > 15) {
            return Double.parseDouble(line.substring(start, end));
        }
        double value = decimals > 0 ? digits / POWERS_OF_TEN[decimals] : digits;
        return negative ? -value : value;
    }

    /** The integer in columns {@code [from, to)}, surrounded by blanks or not. */
    static int integer(String line, int from, int to) {
        int end = Math.min(to, line.length());
        int start = firstNonBlank(line, from, end);
        end = afterLastNonBlank(line, start, end);
        return Integer.parseInt(line, start, end, 10);
    }

    private static int firstNonBlank(String line, int from, int end) {
        int start = from;
        while (start < end && line.charAt(start) == ' ') {
            start++;
        }
        return start;
    }

    private static int afterLastNonBlank(String line, int start, int to) {
        int end = to;
        while (end > start && line.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }
}
