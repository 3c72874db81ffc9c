package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.dataset.DatasetMerge;
import io.timelapse.plugin.openfold.dataset.DatasetShard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse openfold dataset merge SHARD...}: the shards of one {@code dataset build --shard i/n} job as one data set. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the shards 0 to n-1 of one 'dataset build --shard i/n' job, built from the same inputs with the same"
                + " options, into msas/, features/ and manifest.json, byte for byte what one 'dataset build' without --shard writes.")
final class DatasetMergeCommand implements Callable<Integer> {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "A shard's run directory, of 'dataset build --shard i/n'. Give every shard.")
    List<Path> shards;

    DatasetMergeCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws IOException {
        List<Path> ordered;
        try {
            ordered = DatasetMerge.check(shards);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "SHARD " + e.getMessage(), e);
        }
        try (Run run = runs.start(spec, common)) {
            run.device("CPU");
            for (Path shard : ordered) {
                run.input(shard.resolve(DatasetShard.FILE));
                run.input(shard.resolve("manifest.json"));
            }
            DatasetManifest manifest = DatasetMerge.merge(ordered, run.directory());
            run.result("chains_kept", manifest.chains().size());
            run.result("chains_dropped", manifest.dropped().size());
            run.result("manifest", run.output("manifest.json").toString());
            run.result("shards", ordered.size());
            run.succeeded();
            DatasetCommand.describe(spec.commandLine().getOut(), manifest);
            spec.commandLine().getOut().println("merged " + ordered.size() + " shards; manifest: " + run.output("manifest.json"));
        }
        return ExitCode.OK;
    }
}
