package io.timelapse.platform.benchmarks;

import io.timelapse.lib.bench.BenchReport;

/**
 * Memorization scoring of one Pythia checkpoint at Pile scale from a measured scoring rate: all
 * 146,432,000 training rows (143,000 steps of 1024 rows), in hours of this machine and, as a
 * projection, of a GPU that reaches the same share of its matmul rate as this machine does of its
 * measured one.
 *
 * @param name the scoring set-up, a prefix of the report's keys
 * @param rowsPerSecond rows scored per second here (median)
 */
record PileScoring(String name, double rowsPerSecond) {

    static final long CHECKPOINT_ROWS = 143_000L * 1024;

    double hoursHere() {
        return CHECKPOINT_ROWS / rowsPerSecond / 3600;
    }

    /** Rows per second on a GPU of {@code gpuTflops} at this machine's share of the matmul rate: a projection, not a measurement. */
    double projectedGpuRowsPerSecond(double gpuTflops, double matmulGflops) {
        return rowsPerSecond * gpuTflops * 1000 / matmulGflops;
    }

    void report(BenchReport report, double gpuTflops, double matmulGflops) {
        double gpuRows = projectedGpuRowsPerSecond(gpuTflops, matmulGflops);
        report.note(name + "_rows_per_s", round(rowsPerSecond));
        report.note(name + "_hours_per_checkpoint", round(hoursHere()));
        report.note(name + "_projected_gpu_rows_per_s", round(gpuRows));
        report.note(name + "_projected_gpu_hours_per_checkpoint", round(CHECKPOINT_ROWS / gpuRows / 3600));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
