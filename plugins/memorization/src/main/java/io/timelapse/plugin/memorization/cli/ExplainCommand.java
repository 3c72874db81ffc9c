package io.timelapse.plugin.memorization.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.memorization.explain.DuplicationCounts;
import io.timelapse.plugin.memorization.explain.ExplainReport;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.plugin.memorization.table.TableHeader;
import io.timelapse.plugin.memorization.table.TrainingSettings;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization explain --table DIR [--data PATH]}: scored rows traced to their sources, with duplication counts. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Trace the rows of a score table to their sources and count how often the corpus repeats them.",
                "For every scored row: its step, score and memorized flag, how many times its window (prefix + continuation tokens)"
                        + " and its prefix occur anywhere in the data, read as one token stream, and the documents and offsets it was"
                        + " cut from (or, for pre-shuffled data, its byte offset, shard and EOD-separated segments)."
                        + " It writes rows.jsonl, bins.csv, summary.json and a plot of the memorized share against the count."})
final class ExplainCommand implements PluginCommand {

    private final RunService runs;
    private final TokenRowsSource sources;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--table", required = true, paramLabel = "TABLE",
            description = "A score table written by 'memorization score', 'merge', 'reproduce' or 'demo': its directory or its table.json.")
    Path table;

    @Option(names = "--data", paramLabel = "PATH",
            description = "The rows the table was scored on: an .npy [rows, tokens] of token ids, or a dataset the training-data service"
                    + " reads (pythia-preshuffled). Default: the data the table names.")
    Path data;

    @Inject
    ExplainCommand(RunService runs, TrainingDataProvider provider) {
        this.runs = runs;
        this.sources = new TokenRowsSource(provider);
    }

    @Override
    public Integer call() throws Exception {
        List<Path> tableFiles = new ArrayList<>();
        ScoreTable scores;
        try {
            scores = ScoreTableFiles.read(table, tableFiles);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--table " + e.getMessage(), e);
        }
        TableHeader header = scores.header();
        Path dataPath = dataPath(header);
        TrainingSettings training = header.model().training();
        Integer batch = training == null ? null : training.batchSize();
        PrintWriter out = spec.commandLine().getOut();
        try (TrainingData rows = sources.open(spec, "--data", dataPath, batch == null ? 1 : batch)) {
            check(scores, rows, dataPath);
            try (Run run = runs.start(spec, common)) {
                for (Path file : tableFiles) {
                    run.input(file);
                }
                for (Path file : rows.files()) {
                    run.input(file);
                }
                int[] lengths = {header.prefixLength() + header.continuationLength(), header.prefixLength()};
                out.println("counting the " + lengths[0] + "-token windows and " + lengths[1] + "-token prefixes of " + scores.size()
                        + " rows in the " + rows.rowCount() + " rows of " + dataPath);
                long started = System.nanoTime();
                DuplicationCounts counts;
                try (Progress progress = run.progress("count", rows.rowCount())) {
                    counts = DuplicationCounts.count(rows, scores.rows(), lengths, common.seed(), progress);
                }
                double countSeconds = (System.nanoTime() - started) / 1e9;
                ObjectNode summary;
                try (Progress progress = run.progress("explain", scores.size())) {
                    summary = ExplainReport.write(run.directory(), scores, rows, counts, batch, progress);
                }
                summary.fields().forEachRemaining(field -> {
                    if (field.getValue().isNumber()) {
                        run.result(field.getKey(), field.getValue().numberValue());
                    } else if (field.getValue().isTextual()) {
                        run.result(field.getKey(), field.getValue().asText());
                    }
                });
                run.result("summary", run.output(ExplainReport.SUMMARY_JSON).toString());
                run.result("count_seconds", countSeconds);
                run.result("data_layout", sources.layout(dataPath));
                run.succeeded();
                out.printf(Locale.ROOT, "%d of %d rows memorized; %d tokens streamed in %.1f s → %s%n", summary.get("memorized").asLong(),
                        scores.size(), counts.streamTokens(), countSeconds, run.directory());
            }
        }
        return ExitCode.OK;
    }

    /** {@code --data}, or the data the table was scored on. */
    private Path dataPath(TableHeader header) {
        if (data != null) {
            return data;
        }
        Path recorded = Path.of(header.data().source());
        if (!Files.exists(recorded)) {
            throw new ParameterException(spec.commandLine(), "--data: not given, and the data the table names (" + recorded
                    + ") does not exist; give --data");
        }
        return recorded;
    }

    private void check(ScoreTable scores, TrainingData rows, Path dataPath) {
        TableHeader header = scores.header();
        if (rows.rowLength() != header.data().rowLength()) {
            throw new ParameterException(spec.commandLine(), "--data " + dataPath + ": rows of " + rows.rowLength() + " tokens, but the table"
                    + " was scored on rows of " + header.data().rowLength() + " (" + header.data().source() + ")");
        }
        if (header.prefixLength() + header.continuationLength() > rows.rowLength()) {
            throw new ParameterException(spec.commandLine(), "--table " + table + ": a window of " + (header.prefixLength()
                    + header.continuationLength()) + " tokens, but the rows of --data " + dataPath + " hold " + rows.rowLength());
        }
        if (scores.size() > 0 && scores.row(scores.size() - 1) >= rows.rowCount()) {
            throw new ParameterException(spec.commandLine(), "--table " + table + ": reaches row " + scores.row(scores.size() - 1)
                    + ", but --data " + dataPath + " has " + rows.rowCount() + " rows");
        }
    }
}
