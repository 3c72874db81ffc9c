package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.npy.Npy;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia samples [route] --dataset train --from I --count N [--out FILE.npy|DIR]}: gpt-neox's {@code dataset[i]} rows. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = {"Write the samples that gpt-neox's dataset[i] returns for i from --from on, as int64 [count, seq-length + 1].",
                "With --out FILE.npy they go to FILE.npy and run.json to the default run directory; with --out DIR, or without --out,"
                        + " both go to the run directory (samples.npy)."})
@DefaultSeed(RouteOptions.DEFAULT_SEED)
final class SamplesCommand implements PluginCommand {

    /** The largest Java array, which holds the samples written. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RouteOptions route;

    @Mixin
    DatasetOption dataset;

    @Mixin
    IndexCacheOption indexCache;

    @Option(names = "--from", paramLabel = "I", defaultValue = "0", description = "The first sample index (default: ${DEFAULT-VALUE}).")
    long from;

    @Option(names = "--count", paramLabel = "N", required = true, description = "How many consecutive samples to write.")
    int count;

    @Inject
    SamplesCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        if (from < 0) {
            throw new ParameterException(spec.commandLine(), "--from " + from + ": must be at least 0");
        }
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count " + count + ": must be at least 1");
        }
        Route checked = route.resolve(spec, dataset.split, common.seed());
        int width = route.seqLength + 1;
        if ((long) count * width > MAX_VALUES) {
            throw new ParameterException(spec.commandLine(), "--count " + count + ": " + count + " samples of " + width
                    + " tokens are more than one array holds; write fewer at a time");
        }
        IndexMapStore store = indexCache.store(spec);
        OutputFiles output = OutputFiles.of(common, "samples.npy");
        try (Run run = output.start(runs, spec, common)) {
            Path file = output.file(run);
            Route.Opened opened = checked.open(store.reporting(run::progress));
            opened.recordInputs(run, true);
            SampleDataset data = opened.dataset();
            long[] rows = new long[count * width];
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
