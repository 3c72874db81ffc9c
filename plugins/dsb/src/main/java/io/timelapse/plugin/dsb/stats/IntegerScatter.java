package io.timelapse.plugin.dsb.stats;

import java.util.Arrays;

/**
 * Rows of integers centred on integer offsets, cut into chunks whose float32 matrix product {@code vᵀv} is exact:
 * every partial sum of {@code Σ v_ri v_rj} is bounded by {@code sqrt(Σ v_ri² · Σ v_rj²)} (Cauchy–Schwarz), so a chunk
 * in which no column's sum of squares reaches 2²⁴ has only integers below 2²⁴ in its product, whatever order a GEMM
 * adds them in. Centring on the rounded column means keeps those sums small: on Fashion-MNIST a class of 6,000 images
 * takes 3–5 chunks instead of the 24 that uncentred pixels would need.
 *
 * @param centred the centred rows, {@code chunks × chunkRows × d} values with zero rows padding the last chunk
 * @param offsets the integer subtracted from each column
 * @param centredSums the exact column sums of the centred rows
 */
record IntegerScatter(float[] centred, int chunks, int chunkRows, int d, long[] offsets, long[] centredSums) {

    /** 2²⁴: below it every integer is a float32, so sums of integer products are exact. */
    static final long EXACT_FLOAT = 1L << 24;

    /**
     * The chunks of {@code n} rows of {@code d} integers ({@code u}, row-major), or null when one centred value alone
     * reaches 2¹² (its square would not be exact).
     */
    static IntegerScatter of(int[] u, int n, int d) {
        long[] sums = new long[d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                sums[i] += u[r * d + i];
            }
        }
        long[] offsets = new long[d];
        for (int i = 0; i < d; i++) {
            offsets[i] = Math.round((double) sums[i] / n);
        }
        float[] v = new float[n * d];
        long[] centredSums = new long[d];
        long[] squares = new long[d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                long value = u[r * d + i] - offsets[i];
                if (value * value >= EXACT_FLOAT) {
                    return null;
                }
                v[r * d + i] = value;
                centredSums[i] += value;
                squares[i] += value * value;
            }
        }
        long largest = 0;
        for (long s : squares) {
            largest = Math.max(largest, s);
        }
        int chunks = (int) Math.max(1, (largest + EXACT_FLOAT - 1) / EXACT_FLOAT);
        while (!fits(v, n, d, ceilDiv(n, chunks))) {
            chunks += Math.max(1, chunks / 8); // one or two tries on real images; single rows always fit
        }
        int chunkRows = ceilDiv(n, chunks);
        chunks = ceilDiv(n, chunkRows);
        float[] centred = chunks * chunkRows == n ? v : Arrays.copyOf(v, chunks * chunkRows * d);
        return new IntegerScatter(centred, chunks, chunkRows, d, offsets, centredSums);
    }

    /** Whether every chunk of {@code rows} rows keeps each column's sum of squares below 2²⁴. */
    private static boolean fits(float[] v, int n, int d, int rows) {
        long[] squares = new long[d];
        for (int start = 0; start < n; start += rows) {
            Arrays.fill(squares, 0);
            for (int r = start; r < Math.min(n, start + rows); r++) {
                for (int i = 0; i < d; i++) {
                    long value = (long) v[r * d + i];
                    squares[i] += value * value;
                    if (squares[i] >= EXACT_FLOAT) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
