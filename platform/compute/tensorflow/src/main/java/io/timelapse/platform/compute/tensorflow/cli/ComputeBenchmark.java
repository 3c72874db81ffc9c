package io.timelapse.platform.compute.tensorflow.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse bench compute}: the API's overhead over direct TensorFlow Java calls, for large
 * matmuls and for tiny session runs, measured alternately in the same process.
 */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = "Matmul throughput and per-run overhead through the compute API vs direct TensorFlow Java.")
public final class ComputeBenchmark implements PluginCommand {

    private final ComputeService compute;
    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--size", defaultValue = "2048", paramLabel = "N", description = "Matrix size n of the n×n×n float32 matmul (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--repeats", defaultValue = "10", paramLabel = "N", description = "Timed repetitions per round (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--runs", defaultValue = "5000", paramLabel = "N", description = "Tiny session runs per round (default: ${DEFAULT-VALUE}).")
    int tinyRuns;

    @Inject
    ComputeBenchmark(ComputeService compute, RunService runs) {
        this.compute = compute;
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // The device first: a compute setting that is not understood fails before a run directory exists.
        String device = compute.device().summary();
        try (Run run = runs.start(spec, common)) {
            run.device(device);
            run.versions(compute.versions());
            Map<String, Object> results = new LinkedHashMap<>();
            double flops = 2.0 * size * size * size;
            try (Graph graph = compute.newGraph(common.seed()); DirectTensorFlow direct = new DirectTensorFlow(size)) {
                Ops ops = graph.ops();
                Tensor a = ops.variable("a", DType.F32, Shape.of(size, size), Initializer.normal(0, 1));
                Tensor b = ops.variable("b", DType.F32, Shape.of(size, size), Initializer.normal(0, 1));
                Tensor product = ops.sum(ops.matmul(a, b, false, false), false);
                Tensor x = ops.placeholder("x", DType.F32, Shape.scalar());
                Tensor tiny = ops.add(x, ops.scalar(1, DType.F32));
                try (Session session = graph.newSession()) {
                    session.initialize();
                    long apiBest = Long.MAX_VALUE;
                    long directBest = Long.MAX_VALUE;
                    for (int round = 0; round < 3; round++) {
                        apiBest = Math.min(apiBest, best(() -> session.run(Map.of(), List.of(product)).close()));
                        directBest = Math.min(directBest, best(direct::matmul));
                    }
                    double apiGflops = flops / apiBest;
                    double directGflops = flops / directBest;
                    HostTensor one = HostTensor.scalar(1f);
                    double apiMicros = Double.MAX_VALUE;
                    double directMicros = Double.MAX_VALUE;
                    for (int round = 0; round < 3; round++) {
                        apiMicros = Math.min(apiMicros, perRunMicros(() -> session.run(Map.of(x, one), List.of(tiny)).close()));
                        directMicros = Math.min(directMicros, perRunMicros(direct::tinyRun));
                    }
                    results.put("matmul_size", size);
                    results.put("matmul_api_gflops", round(apiGflops));
                    results.put("matmul_direct_tf_gflops", round(directGflops));
                    results.put("matmul_api_vs_direct", round(apiGflops / directGflops));
                    results.put("matmul_overhead_percent", round(100 * (directGflops / apiGflops - 1)));
                    results.put("tiny_run_api_us", round(apiMicros));
                    results.put("tiny_run_direct_tf_us", round(directMicros));
                    results.put("tiny_run_overhead_us", round(apiMicros - directMicros));
                }
            }
            results.forEach((key, value) -> {
                out.printf("%-28s %s%n", key, value);
                run.result(key, value);
            });
            run.succeeded();
        }
        out.flush();
        return ExitCode.OK;
    }

    private long best(Runnable work) {
        work.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private double perRunMicros(Runnable work) {
        for (int i = 0; i < 200; i++) {
            work.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < tinyRuns; i++) {
            work.run();
        }
        return (System.nanoTime() - start) / 1000.0 / tinyRuns;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
