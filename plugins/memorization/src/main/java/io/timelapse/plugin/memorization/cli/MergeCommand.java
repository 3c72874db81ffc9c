package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.plugin.memorization.table.TableMerge;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization merge SHARD...}: the tables of all shards of a scoring job as one table. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the score tables of the shards of one scoring job into one table.",
                "All shards 0 to n-1 must be there, scored with the same model weights, data, set-up and row selection."})
final class MergeCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "TABLE",
            description = "A shard's table: the run directory of 'memorization score --shard i/n', or its table.json. Give every shard.")
    List<Path> shards;

    @Option(names = "--no-csv", description = "Write only the binary table (matches.npy, table.json), not scores.csv.")
    boolean noCsv;

    @Inject
    MergeCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        List<ScoreTable> tables = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path shard : shards) {
            try {
                tables.add(ScoreTableFiles.read(shard, files));
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "TABLE " + e.getMessage(), e);
            }
            names.add(shard.toString());
        }
        ScoreTable merged;
        try {
            merged = TableMerge.merge(tables, names);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (Run run = runs.start(spec, common)) {
            for (Path file : files) {
                run.input(file);
            }
            ScoreTableFiles.write(run.directory(), merged, !noCsv);
            long memorized = merged.countAtLeast(merged.header().continuationLength());
            run.result("rows", merged.size());
            run.result("memorized", memorized);
            run.result("mode", merged.header().modeDescription());
            run.succeeded();
            spec.commandLine().getOut().println("merged " + tables.size() + " shards: " + merged.size() + " rows, " + memorized
                    + " memorized; " + merged.header().modeDescription() + " → " + run.directory());
        }
        return ExitCode.OK;
    }
}
