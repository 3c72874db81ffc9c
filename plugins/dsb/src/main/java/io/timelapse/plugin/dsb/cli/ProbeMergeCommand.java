package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.dsb.probing.ProbeTable;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse dsb probe-merge SHARD...}: the probes of all shards of a {@code dsb probe --shard i/n} job as one run. */
@Command(name = "probe-merge", mixinStandardHelpOptions = true,
        description = {"Merge the shards of one 'dsb probe --shard i/n' job into probes.csv, probes.jsonl and the plots, byte for byte"
                + " what one 'dsb probe' without --shard writes.",
                "All shards 0 to n-1 must be there, run with the same options on the same checkpoints."})
final class ProbeMergeCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "A shard's run directory, of 'dsb probe --shard i/n'. Give every shard.")
    List<Path> shards;

    @Inject
    ProbeMergeCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        List<ProbeShard> records = new ArrayList<>();
        for (Path shard : shards) {
            try {
                records.add(ProbeShard.read(shard));
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "SHARD " + e.getMessage(), e);
            }
        }
        ProbeTable table;
        try {
            table = ProbeShardMerge.merge(shards, records);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "SHARD " + e.getMessage(), e);
        }
        ProbeShard first = records.get(0);
        try (Run run = runs.start(spec, common)) {
            for (Path shard : shards) {
                run.input(shard.resolve(ProbeShard.FILE));
                run.input(shard.resolve(ProbeTable.JSON_LINES));
            }
            ProbeOutputs.write(run, spec.commandLine().getOut(), table, first.classes(), first.title());
            run.result("shards", records.size());
            run.succeeded();
        }
        return ExitCode.OK;
    }
}
