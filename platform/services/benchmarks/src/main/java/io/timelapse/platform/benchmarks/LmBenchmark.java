package io.timelapse.platform.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.lm.Generation;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.MatmulRate;
import io.timelapse.lib.bench.Metric;
import io.timelapse.lib.bench.PyTorchReference;
import io.timelapse.lib.bench.Spread;
import io.timelapse.lib.bench.Timing;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse bench lm}: a random Pythia-70M-shaped model, fp32, measured on the workloads of
 * the bundled PyTorch reference ({@code gptneox_torch_baseline.py}) run in the same command, with
 * the ratios and the achieved FLOP/s against this process's measured matmul rate.
 */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "Throughput of greedy generation (KV cache), the 64-token exact-match forward and 2049-token forwards against the PyTorch reference, "
                + "and of memorization scoring with the hours it takes for all rows of a Pythia checkpoint.")
public final class LmBenchmark implements PluginCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LanguageModels models;
    private final ComputeService compute;
    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--baseline-script", paramLabel = "FILE",
            description = "Another PyTorch reference script than the bundled gptneox_torch_baseline.py.")
    Path baselineScript;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE", description = "Python with torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Threads PyTorch may use (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--fwd-micro", defaultValue = "2", paramLabel = "N", description = "2049-token rows per forward (default: ${DEFAULT-VALUE}).")
    int fwdMicro;

    @Option(names = "--score-batch", defaultValue = "128", paramLabel = "N",
            description = "Rows per batch of the memorization-scoring workloads (default: ${DEFAULT-VALUE}).")
    int scoreBatch;

    @Option(names = "--gpu-tflops", defaultValue = "19.5", paramLabel = "TFLOPS",
            description = "The GPU matmul rate that the Pile-scale projection assumes, in TFLOP/s (default: ${DEFAULT-VALUE}, an A100's FP32 peak).")
    double gpuTflops;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N", description = "Timed repetitions of each workload, for Timelapse and PyTorch alike (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Inject
    public LmBenchmark(LanguageModels models, ComputeService compute, RunService runs) {
        this.models = models;
        this.compute = compute;
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--repeats " + repeats + ": must be at least 1");
        }
        if (scoreBatch < 1) {
            throw new ParameterException(spec.commandLine(), "--score-batch " + scoreBatch + ": must be at least 1");
        }
        if (!(gpuTflops > 0) || Double.isInfinite(gpuTflops)) {
            throw new ParameterException(spec.commandLine(), "--gpu-tflops " + gpuTflops + ": must be a positive number");
        }
        // The device first: a compute setting that is not understood fails before a run directory exists.
        String device = compute.device().summary();
        try (Run run = runs.start(spec, common)) {
            run.versions(compute.versions());
            BenchReport report = new BenchReport(device);
            PyTorchReference.Result torch = torchBaseline(run, report);
            double matmul = MatmulRate.gflops(compute, repeats);
            report.note("matmul_2048_gflops", matmul);
            LmConfig config = LmConfig.pythia(6, 512, 8, 50304, 2048);
            int batch = 32;
            int prefixLength = 32;
            int newTokens = 32;
            SplittableRandom random = new SplittableRandom(common.seed());
            try (LanguageModel model = models.create(config, common.seed())) {
                HostTensor prefix = HostTensor.of(random.ints((long) batch * prefixLength, 0, config.vocabSize()).toArray(), batch, prefixLength);
                int[][] generated = new int[1][];
                Spread generation = spread(() -> generated[0] = model.generate(prefix, Generation.greedy(newTokens)).toInts());
                report.add(compare(Metric.rate("gen_kv_cache", "seq_per_s", generation.rate(batch)),
                        generationFlops(config, batch, prefixLength, newTokens) / generation.median(), matmul, torch, "gen_kv_cache", batch));

                int[] full = new int[batch * (prefixLength + newTokens)];
                int[] prefixIds = prefix.toInts();
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(prefixIds, b * prefixLength, full, b * (prefixLength + newTokens), prefixLength);
                    System.arraycopy(generated[0], b * newTokens, full, b * (prefixLength + newTokens) + prefixLength, newTokens);
                }
                HostTensor window = HostTensor.of(full, batch, prefixLength + newTokens);
                boolean[][] exact = new boolean[1][];
                Spread teacherForced = spread(() -> exact[0] = model.exactMatch(window, prefixLength));
                boolean allAgree = true;
                for (boolean match : exact[0]) {
                    allAgree &= match;
                }
                report.note("exact_match_agrees_with_greedy", allAgree);
                report.add(compare(Metric.rate("teacher_forced_64tok", "seq_per_s", teacherForced.rate(batch)),
                        teacherForcedFlops(config, batch, prefixLength + newTokens, newTokens) / teacherForced.median(), matmul,
                        torch, "teacher_forced_64tok", batch));

                int length = 2049;
                HostTensor rows = HostTensor.of(random.ints((long) fwdMicro * length, 0, config.vocabSize()).toArray(), fwdMicro, length);
                Spread loss = spread(() -> model.tokenLoss(rows).close());
                Spread logits = spread(() -> model.logits(rows).close());
                double flops = forwardFlops(config, fwdMicro, length);
                int tokens = fwdMicro * length;
                report.note("fwd_2049_micro_batch", fwdMicro);
                report.add(compare(Metric.rate("fwd_2049_logits_on_graph", "tokens_per_s", loss.rate(tokens)), flops / loss.median(),
                        matmul, torch, "fwd_2049_with_unembed", tokens));
                report.add(compare(Metric.rate("fwd_2049_logits_fetched", "tokens_per_s", logits.rate(tokens)), flops / logits.median(),
                        matmul, torch, "fwd_2049_with_unembed", tokens));

                scoring(model, config, random, prefixLength, newTokens, matmul, report);
            }
            report.finish(run, spec.commandLine().getOut());
            run.succeeded();
        }
        return ExitCode.OK;
    }

    /**
     * Memorization scoring of random 64-token windows, {@code --score-batch} rows at a time: greedy match counts
     * (KV cache) and the exact-match shortcut (one teacher-forced forward), with the hours for a Pythia checkpoint.
     */
    private void scoring(LanguageModel model, LmConfig config, SplittableRandom random, int prefixLength, int newTokens, double matmul,
                         BenchReport report) {
        int window = prefixLength + newTokens;
        HostTensor windows = HostTensor.of(random.ints((long) scoreBatch * window, 0, config.vocabSize()).toArray(), scoreBatch, window);
        HostTensor prefixes = rows(windows, scoreBatch, prefixLength);
        Runnable greedy = () -> model.generate(prefixes, Generation.greedy(newTokens)).close();
        Runnable exact = () -> model.exactMatch(windows, prefixLength);
        Spread greedyTimes = spread(greedy);
        Spread exactTimes = spread(exact);
        report.note("score_batch", scoreBatch);
        report.note("gpu_tflops_assumed", gpuTflops);
        report.add(Metric.rate("score_greedy", "rows_per_s", greedyTimes.rate(scoreBatch))
                .ofMatmul(generationFlops(config, scoreBatch, prefixLength, newTokens) / greedyTimes.median() / 1e9 / matmul));
        report.add(Metric.rate("score_exact_match", "rows_per_s", exactTimes.rate(scoreBatch))
                .ofMatmul(teacherForcedFlops(config, scoreBatch, window, newTokens) / exactTimes.median() / 1e9 / matmul));
        new PileScoring("pile_greedy", scoreBatch / greedyTimes.median()).report(report, gpuTflops, matmul);
        new PileScoring("pile_exact_match", scoreBatch / exactTimes.median()).report(report, gpuTflops, matmul);
    }

    private PyTorchReference.Result torchBaseline(Run run, BenchReport report) throws IOException, InterruptedException {
        if (baselineScript != null) {
            run.input(baselineScript);
        }
        PyTorchReference.Result torch = new PyTorchReference(python).run(LmBenchmark.class, "gptneox_torch_baseline.py", baselineScript,
                List.of("--threads", Integer.toString(threads), "--quick", "--skip-no-cache", "--repeats", Integer.toString(repeats),
                        "--fwd-micro", Integer.toString(fwdMicro), "--fwd-batches", Integer.toString(repeats)));
        if (!torch.available()) {
            report.referenceMissing("pytorch", torch.problem());
            return torch;
        }
        run.result("torch", JSON.convertValue(torch.json(), Map.class));
        report.note("pytorch_version", torch.json().path("torch").asText());
        report.note("pytorch_threads", torch.json().path("threads").asInt());
        return torch;
    }

    /**
     * {@code ours} with its share of the matmul rate ({@code flopsPerSecond} at the median) and, when the reference ran,
     * the reference's rate: {@code units} per second of each of its repeats under {@code torchKey}.
     */
    private static Metric compare(Metric ours, double flopsPerSecond, double matmul, PyTorchReference.Result torch, String torchKey, double units) {
        Metric metric = ours.ofMatmul(flopsPerSecond / 1e9 / matmul);
        Spread seconds = torch.available() ? torch.spread(torchKey, "seconds_all") : null;
        return seconds == null ? metric : metric.against("pytorch", seconds.rate(units));
    }

    /** Matmul FLOPs of the forward body per token, plus attention over {@code keys} keys, plus unembedding when asked. */
    private static double tokenFlops(LmConfig c, double keys, boolean unembed) {
        double hidden = c.hiddenSize();
        double body = 2.0 * c.numLayers() * (4 * hidden * hidden + 2 * hidden * c.intermediateSize());
        double attention = 4.0 * c.numLayers() * keys * hidden;
        return body + attention + (unembed ? 2.0 * hidden * c.vocabSize() : 0);
    }

    static double generationFlops(LmConfig c, int batch, int prefix, int newTokens) {
        double flops = batch * (prefix * tokenFlops(c, prefix, false) + 2.0 * c.hiddenSize() * c.vocabSize());
        for (int t = 1; t < newTokens; t++) {
            flops += batch * tokenFlops(c, prefix + t, true);
        }
        return flops;
    }

    static double teacherForcedFlops(LmConfig c, int batch, int length, int predicted) {
        return batch * (length * tokenFlops(c, length, false) + predicted * 2.0 * c.hiddenSize() * c.vocabSize());
    }

    static double forwardFlops(LmConfig c, int batch, int length) {
        return (double) batch * length * tokenFlops(c, length, true);
    }

    /** The times of {@code --repeats} runs of {@code work} after one untimed run, so that no timed run builds a graph. */
    private Spread spread(Runnable work) {
        work.run();
        return Timing.spread(repeats, work);
    }

    private static HostTensor rows(HostTensor ids, int count, int length) {
        int stride = Math.toIntExact(ids.shape().dim(1));
        int[] all = ids.toInts();
        int[] part = new int[count * length];
        for (int b = 0; b < count; b++) {
            System.arraycopy(all, b * stride, part, b * length, length);
        }
        return HostTensor.of(part, count, length);
    }

}
