/**
 * Benchmark plumbing shared by the platform's benchmarks and the plugins': a reference script run with an external
 * Python ({@link io.timelapse.lib.bench.PyTorchReference}), the machine's matmul rate that achieved FLOP/s are
 * reported against ({@link io.timelapse.lib.bench.MatmulRate}), repeated timings and their min / median / max
 * ({@link io.timelapse.lib.bench.Timing}, {@link io.timelapse.lib.bench.Spread}), the machine and its load
 * ({@link io.timelapse.lib.bench.Machine}, {@link io.timelapse.lib.bench.LoadAverage}), and the one shape every
 * benchmark reports in ({@link io.timelapse.lib.bench.BenchReport} of {@link io.timelapse.lib.bench.Metric}s,
 * printed with {@link io.timelapse.lib.bench.Table}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.bench;
