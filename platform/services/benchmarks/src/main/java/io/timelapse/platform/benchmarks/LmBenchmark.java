package io.timelapse.platform.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.timelapse.lib.bench.MatmulRate;
import io.timelapse.lib.bench.PyTorchReference;
import io.timelapse.lib.bench.Timing;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
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
        description = "Throughput of greedy generation (KV cache), the 64-token exact-match forward and 2049-token forwards against the PyTorch reference.")
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

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N", description = "Timed repetitions; the best counts (default: ${DEFAULT-VALUE}).")
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
        PrintWriter out = spec.commandLine().getOut();
        BenchmarkResults results = new BenchmarkResults();
        // The device first: a compute setting that is not understood fails before a run directory exists.
        String device = compute.device().summary();
        try (Run run = runs.start(spec, common)) {
            run.device(device);
            run.versions(compute.versions());
            results.put("load_average_before", loadAverage());
            JsonNode torch = torchBaseline(run, out);
            results.put("load_average_after_torch", loadAverage());
            double matmul = MatmulRate.gflops(compute, repeats);
            results.put("matmul_2048_gflops", matmul);
            LmConfig config = LmConfig.pythia(6, 512, 8, 50304, 2048);
            int batch = 32;
            int prefixLength = 32;
            int newTokens = 32;
            SplittableRandom random = new SplittableRandom(common.seed());
            try (LanguageModel model = models.create(config, common.seed())) {
                HostTensor prefix = HostTensor.of(random.ints((long) batch * prefixLength, 0, config.vocabSize()).toArray(), batch, prefixLength);
                model.generate(rows(prefix, 2, prefixLength), Generation.greedy(4));
                int[][] generated = new int[1][];
                double generation = best(() -> generated[0] = model.generate(prefix, Generation.greedy(newTokens)).toInts());
                results.put("gen_kv_cache_seconds", generation);
                results.put("gen_kv_cache_seq_per_s", batch / generation);
                results.put("gen_kv_cache_gflops", generationFlops(config, batch, prefixLength, newTokens) / generation / 1e9);

                int[] full = new int[batch * (prefixLength + newTokens)];
                int[] prefixIds = prefix.toInts();
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(prefixIds, b * prefixLength, full, b * (prefixLength + newTokens), prefixLength);
                    System.arraycopy(generated[0], b * newTokens, full, b * (prefixLength + newTokens) + prefixLength, newTokens);
                }
                HostTensor window = HostTensor.of(full, batch, prefixLength + newTokens);
                boolean[][] exact = new boolean[1][];
                double teacherForced = best(() -> exact[0] = model.exactMatch(window, prefixLength));
                boolean allAgree = true;
                for (boolean match : exact[0]) {
                    allAgree &= match;
                }
                results.put("teacher_forced_64tok_seconds", teacherForced);
                results.put("teacher_forced_64tok_seq_per_s", batch / teacherForced);
                results.put("teacher_forced_64tok_gflops", teacherForcedFlops(config, batch, prefixLength + newTokens, newTokens) / teacherForced / 1e9);
                results.put("exact_match_agrees_with_greedy", allAgree);

                int length = 2049;
                HostTensor rows = HostTensor.of(random.ints((long) fwdMicro * length, 0, config.vocabSize()).toArray(), fwdMicro, length);
                model.tokenLoss(rows(rows, fwdMicro, 64));
                double loss = best(() -> model.tokenLoss(rows).close());
                double logits = best(() -> model.logits(rows).close());
                double flops = forwardFlops(config, fwdMicro, length);
                results.put("fwd_2049_micro_batch", fwdMicro);
                results.put("fwd_2049_logits_on_graph_loss_fetched_tokens_per_s", fwdMicro * length / loss);
                results.put("fwd_2049_logits_on_graph_gflops", flops / loss / 1e9);
                results.put("fwd_2049_logits_fetched_tokens_per_s", fwdMicro * length / logits);
            }
            results.put("load_average_after", loadAverage());
            if (torch != null) {
                ratio(results, torch, "gen_kv_cache", "gen_kv_cache_seq_per_s", "seq_per_s", "ratio_gen_kv_cache");
                ratio(results, torch, "teacher_forced_64tok", "teacher_forced_64tok_seq_per_s", "seq_per_s", "ratio_teacher_forced_64tok");
                ratio(results, torch, "fwd_2049_with_unembed", "fwd_2049_logits_on_graph_loss_fetched_tokens_per_s", "tokens_per_s", "ratio_fwd_2049_with_logits");
                ratio(results, torch, "fwd_2049_with_unembed", "fwd_2049_logits_fetched_tokens_per_s", "tokens_per_s", "ratio_fwd_2049_logits_fetched");
            }
            for (String key : List.of("gen_kv_cache_gflops", "teacher_forced_64tok_gflops", "fwd_2049_logits_on_graph_gflops")) {
                results.put(key.replace("_gflops", "_fraction_of_matmul"), ((Number) results.get(key)).doubleValue() / matmul);
            }
            results.report(run, out);
            run.succeeded();
        }
        return ExitCode.OK;
    }

    private JsonNode torchBaseline(Run run, PrintWriter out) throws IOException, InterruptedException {
        if (baselineScript != null) {
            run.input(baselineScript);
        }
        PyTorchReference.Result torch = new PyTorchReference(python).run(LmBenchmark.class, "gptneox_torch_baseline.py", baselineScript,
                List.of("--threads", Integer.toString(threads), "--quick", "--skip-no-cache",
                        "--fwd-micro", Integer.toString(fwdMicro), "--fwd-batches", "2"));
        if (!torch.available()) {
            out.println("note: " + torch.problem() + "; measuring Timelapse only");
            return null;
        }
        run.result("torch", JSON.convertValue(torch.json(), Map.class));
        return torch.json();
    }

    private static void ratio(BenchmarkResults results, JsonNode torch, String torchKey, String ourKey, String torchField, String name) {
        JsonNode reference = torch.path(torchKey).path(torchField);
        if (reference.isNumber() && results.get(ourKey) instanceof Number ours) {
            results.put("torch_" + torchKey + "_" + torchField, reference.asDouble());
            results.put(name, ours.doubleValue() / reference.asDouble());
        }
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

    private double best(Runnable work) {
        return Timing.bestSeconds(repeats, work);
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

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : Arrays.toString(new double[] {BenchmarkResults.round(load)});
    }

}
