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
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.Metric;
import io.timelapse.lib.bench.Spread;
import io.timelapse.lib.bench.Timing;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--repeats", defaultValue = "10", paramLabel = "N", description = "Timed matmuls, and timed rounds of --runs tiny runs, for the API and direct TensorFlow alike (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--runs", defaultValue = "5000", paramLabel = "N", description = "Tiny session runs per timed round (default: ${DEFAULT-VALUE}).")
    int tinyRuns;

    @Inject
    ComputeBenchmark(ComputeService compute, RunService runs) {
        this.compute = compute;
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        atLeastOne("--size", size);
        atLeastOne("--repeats", repeats);
        atLeastOne("--runs", tinyRuns);
        // The device first: a compute setting that is not understood fails before a run directory exists.
        String device = compute.device().summary();
        try (Run run = runs.start(spec, common)) {
            run.versions(compute.versions());
            BenchReport report = new BenchReport(device);
            double gflop = 2.0 * size * size * size / 1e9;
            report.note("matmul_size", size);
            try (Graph graph = compute.newGraph(common.seed()); DirectTensorFlow direct = new DirectTensorFlow(size)) {
                Ops ops = graph.ops();
                Tensor a = ops.variable("a", DType.F32, Shape.of(size, size), Initializer.normal(0, 1));
                Tensor b = ops.variable("b", DType.F32, Shape.of(size, size), Initializer.normal(0, 1));
                Tensor product = ops.sum(ops.matmul(a, b, false, false), false);
                Tensor x = ops.placeholder("x", DType.F32, Shape.scalar());
                Tensor tiny = ops.add(x, ops.scalar(1, DType.F32));
                try (Session session = graph.newSession()) {
                    session.initialize();
                    HostTensor one = HostTensor.scalar(1f);
                    Spread[] matmul = alternately(() -> session.run(Map.of(), List.of(product)).close(), direct::matmul, 1);
                    Spread[] tinyRun = alternately(() -> session.run(Map.of(x, one), List.of(tiny)).close(), direct::tinyRun, tinyRuns);
                    report.add(Metric.rate("matmul", "gflops", matmul[0].rate(gflop)).against("direct_tf", matmul[1].rate(gflop)));
                    report.add(Metric.time("tiny_run", "us", tinyRun[0].times(1e6)).against("direct_tf", tinyRun[1].times(1e6)));
                }
            }
            report.finish(run, spec.commandLine().getOut());
            run.succeeded();
        }
        return ExitCode.OK;
    }

    /**
     * Seconds per call of {@code api} and of {@code direct}, timed alternately so that both see the same machine:
     * after {@code calls} untimed calls of each, {@code repeats} rounds of {@code calls} calls each.
     */
    private Spread[] alternately(Runnable api, Runnable direct, int calls) {
        Runnable apiCalls = () -> repeat(api, calls);
        Runnable directCalls = () -> repeat(direct, calls);
        apiCalls.run();
        directCalls.run();
        double[] apiSeconds = new double[repeats];
        double[] directSeconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            apiSeconds[i] = Timing.seconds(1, apiCalls)[0] / calls;
            directSeconds[i] = Timing.seconds(1, directCalls)[0] / calls;
        }
        return new Spread[] {Spread.of(apiSeconds), Spread.of(directSeconds)};
    }

    private void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " " + value + ": must be at least 1");
        }
    }

    private static void repeat(Runnable work, int times) {
        for (int i = 0; i < times; i++) {
            work.run();
        }
    }
}
