package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.npy.Npy;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia samples [route] --dataset train --from I --count N --out FILE.npy}: gpt-neox's {@code dataset[i]} rows. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Write samples [from, from+count) as int64 [count, seq_length+1], equal to gpt-neox's dataset[i].")
final class SamplesCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RouteOptions route;

    @Option(names = "--dataset", defaultValue = "train", description = "train, valid or test (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--from", defaultValue = "0", description = "First sample index (default: ${DEFAULT-VALUE}).")
    long from;

    @Option(names = "--count", required = true, description = "Number of samples.")
    int count;

    @Inject
    SamplesCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1 || from < 0) {
            throw new ParameterException(spec.commandLine(), "--from must be ≥ 0 and --count ≥ 1");
        }
        long seed = RouteOptions.seed(spec, common.seed());
        Path target = OutputFiles.npyTarget(common, "samples.npy");
        try (Run run = OutputFiles.isFile(common) ? runs.startInDefaultDirectory(spec, common) : runs.start(spec, common)) {
            Path file = target != null ? target : run.output("samples.npy");
            RouteOptions.recordSeed(spec, run);
            RouteOptions.Opened opened = route.open(spec, Split.of(dataset), seed, null, run::progress);
            opened.recordInputs(run, true);
            SampleDataset data = opened.dataset();
            int width = data.sampleLength();
            long[] rows = new long[Math.multiplyExact(count, width)];
            long[] sample = new long[width];
            try (Progress progress = run.progress("samples", count)) {
                for (int i = 0; i < count; i++) {
                    data.readSample(from + i, sample);
                    System.arraycopy(sample, 0, rows, i * width, width);
                    if ((i & 1023) == 1023 || i == count - 1) {
                        progress.advance((i & 1023) + 1);
                    }
                }
            }
            Npy.writeLongs(file, rows, count, width);
            run.result("samples", file.toString());
            run.result("dataset_length", data.length());
            run.succeeded();
            spec.commandLine().getOut().println(count + " samples of " + width + " tokens written to " + file);
        }
        return ExitCode.OK;
    }
}
