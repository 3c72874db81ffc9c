package io.timelapse.platform.benchmarks;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.MatmulRate;
import io.timelapse.lib.bench.Metric;
import io.timelapse.lib.bench.PyTorchReference;
import io.timelapse.lib.bench.Spread;
import io.timelapse.lib.bench.Timing;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.train.Adam;
import io.timelapse.lib.train.LearningRateSchedule;
import io.timelapse.lib.train.StepCounter;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse bench mlp}: one AdamW training step of a 784-512-10 MLP on a batch of 128,
 * through the compute API, side by side with the same step in PyTorch ({@code python3} with torch).
 */
@Command(name = "mlp", mixinStandardHelpOptions = true,
        description = "AdamW training step of a 784-512-10 MLP (batch 128) vs PyTorch in the same run.")
public final class MlpTrainingBenchmark implements PluginCommand {

    private static final int BATCH = 128;
    private static final long[] SIZES = {784, 512, 10};

    private final ComputeService compute;
    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--steps", defaultValue = "200", paramLabel = "N", description = "Timed steps per round (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "N",
            description = "Timed rounds of --steps steps, for Timelapse and PyTorch alike (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE", description = "Python with torch for the reference (default: ${DEFAULT-VALUE}).")
    String python;

    @Inject
    MlpTrainingBenchmark(ComputeService compute, RunService runs) {
        this.compute = compute;
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if (steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps " + steps + ": must be at least 1");
        }
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--repeats " + rounds + ": must be at least 1");
        }
        // The device first: a compute setting that is not understood fails before a run directory exists.
        String device = compute.device().summary();
        try (Run run = runs.start(spec, common)) {
            run.versions(compute.versions());
            BenchReport report = new BenchReport(device);
            double matmul = MatmulRate.gflops(compute, 3);
            report.note("matmul_2048_gflops", matmul);
            double flops = 6.0 * BATCH * (SIZES[0] * SIZES[1] + SIZES[1] * SIZES[2]);
            report.note("step_gflop", flops / 1e9);
            Spread ours = timeOurStep();
            Metric step = Metric.time("mlp_step", "ms", ours).ofMatmul(flops / (ours.median() * 1e6) / matmul);
            PyTorchReference.Result torch = new PyTorchReference(python).run(MlpTrainingBenchmark.class, "mlp_step_torch.py", null,
                    List.of(Integer.toString(compute.device().intraOpThreads()), Integer.toString(steps), Integer.toString(rounds)));
            Spread torchMs = torch.available() ? torch.spread("step_ms_rounds") : null;
            if (torchMs != null) {
                report.note("pytorch_version", torch.json().path("torch").asText());
                step = step.against("pytorch", torchMs);
            } else {
                report.referenceMissing("pytorch", torch.available() ? "the script printed no step_ms_rounds" : torch.problem());
            }
            report.add(step).finish(run, spec.commandLine().getOut());
            run.succeeded();
        }
        return ExitCode.OK;
    }

    /** Milliseconds per step in each round of {@code steps} steps, feeding the batch every step as training does. */
    private Spread timeOurStep() {
        try (Graph graph = compute.newGraph(common.seed())) {
            Ops ops = graph.ops();
            Tensor x = ops.placeholder("x", DType.F32, Shape.of(BATCH, SIZES[0]));
            Tensor y = ops.placeholder("y", DType.I32, Shape.of(BATCH));
            Linear first = new Linear(ops.scope("fc1"), SIZES[0], SIZES[1], true, DType.F32);
            Linear second = new Linear(ops.scope("fc2"), SIZES[1], SIZES[2], true, DType.F32);
            Tensor logits = second.apply(ops.relu(first.apply(x)));
            Tensor loss = ops.mean(ops.sparseCrossEntropy(logits, y), false);
            List<Variable> parameters = new ArrayList<>(List.of(first.weight(), first.bias(), second.weight(), second.bias()));
            Adam optimizer = Adam.adamW(graph, StepCounter.create(graph), new LearningRateSchedule.Constant(1e-3));
            Operation train = optimizer.minimize(loss, parameters);
            Random random = new Random(common.seed());
            float[] inputs = new float[BATCH * (int) SIZES[0]];
            int[] labels = new int[BATCH];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < BATCH; i++) {
                labels[i] = random.nextInt((int) SIZES[2]);
            }
            HostTensor xs = HostTensor.of(inputs, BATCH, SIZES[0]);
            HostTensor ys = HostTensor.of(labels, BATCH);
            try (Session session = graph.newSession()) {
                session.initialize();
                Map<Tensor, HostTensor> feeds = Map.of(x, xs, y, ys);
                for (int i = 0; i < 20; i++) {
                    session.run(feeds, List.of(), List.of(train)).close();
                }
                return Timing.spread(rounds, () -> {
                    for (int i = 0; i < steps; i++) {
                        session.run(feeds, List.of(), List.of(train)).close();
                    }
                }).times(1e3 / steps);
            }
        }
    }

}
