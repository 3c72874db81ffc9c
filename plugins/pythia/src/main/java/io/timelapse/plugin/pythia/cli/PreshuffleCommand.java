package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.plugin.pythia.service.RouteRecord;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse pythia preshuffle [route] --output-prefix PREFIX}: the training rows in gpt-neox's order, one item each. */
@Command(name = "preshuffle", mixinStandardHelpOptions = true,
        description = {"Write the rows gpt-neox trains on, dataset[0] to dataset[N-1] of the train dataset in training order, as a"
                + " Megatron dataset of one item per row (seq-length + 1 tokens): the layout of EleutherAI's pre-shuffled Pythia data,"
                + " which the training-data service and every command taking --preshuffled read; beside them PREFIX.route.json"
                + " records the route, so the service can name each row's source documents.",
                "N is --train-iters × --global-batch-size, the samples gpt-neox draws. run.json goes to --out, or to the default run"
                        + " directory."})
@DefaultSeed(RouteOptions.DEFAULT_SEED)
final class PreshuffleCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RouteOptions route;

    @Mixin
    IndexCacheOption indexCache;

    @Option(names = "--output-prefix", required = true, paramLabel = "PREFIX", description = "Where the rows go: PREFIX.bin and PREFIX.idx.")
    Path outputPrefix;

    @Inject
    PreshuffleCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        Path parent = outputPrefix.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ParameterException(spec.commandLine(), "--output-prefix " + outputPrefix + ": its directory does not exist");
        }
        Route checked = route.resolve(spec, Split.TRAIN, common.seed());
        long rows = Math.multiplyExact(route.trainIters, route.globalBatchSize);
        if (rows < 1 || rows > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "--train-iters " + route.trainIters + " × --global-batch-size "
                    + route.globalBatchSize + " = " + rows + " rows: must be between 1 and " + Integer.MAX_VALUE);
        }
        IndexMapStore store = indexCache.store(spec);
        Path prefix = MMapIndexedDataset.prefixOf(outputPrefix);
        try (Run run = runs.start(spec, common)) {
            Route.Opened opened = checked.open(store.reporting(run::progress));
            opened.recordInputs(run, true);
            SampleDataset data = opened.dataset();
            TokenType type = opened.corpora().get(0).type();
            int width = route.seqLength + 1;
            List<long[]> items = new ArrayList<>((int) rows);
            try (Progress progress = run.progress("rows", rows)) {
                for (long i = 0; i < rows; i++) {
                    long[] row = new long[width];
                    data.readSample(i, row);
                    items.add(row);
                    progress.step();
                }
            }
            MMapIndexedDatasetWriter.write(prefix, type, items);
            checked.record().write(prefix);
            run.result("bin", MMapIndexedDataset.binPath(prefix).toString());
            run.result("idx", MMapIndexedDataset.idxPath(prefix).toString());
            run.result("route", RouteRecord.file(prefix).toString());
            run.result("rows", rows);
            run.result("row_length", width);
            run.result("dataset_length", data.length());
            run.succeeded();
            spec.commandLine().getOut().printf("%d rows of %d tokens in training order (of %d samples in the index maps) → %s%n", rows,
                    width, data.length(), MMapIndexedDataset.binPath(prefix));
        }
        return ExitCode.OK;
    }
}
