/**
 * Benchmark plumbing shared by the platform's benchmarks and the plugins': a PyTorch reference script run with an
 * external Python ({@link io.timelapse.lib.bench.PyTorchReference}), the machine's matmul rate that achieved FLOP/s
 * are reported against ({@link io.timelapse.lib.bench.MatmulRate}), and best-of-N and median timings
 * ({@link io.timelapse.lib.bench.Timing}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.bench;
