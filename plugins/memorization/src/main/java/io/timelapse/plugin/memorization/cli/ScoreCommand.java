package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.tokens.NpyTokenRows;
import io.timelapse.plugin.memorization.scoring.MemorizationScorer;
import io.timelapse.plugin.memorization.scoring.ModelIdentities;
import io.timelapse.plugin.memorization.scoring.ScoringJob;
import io.timelapse.plugin.memorization.scoring.ScoringSetup;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSelections;
import io.timelapse.plugin.memorization.selection.Shard;
import io.timelapse.plugin.memorization.table.DataIdentity;
import io.timelapse.plugin.memorization.table.ModelIdentity;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.plugin.memorization.table.ScoringMode;
import io.timelapse.plugin.memorization.table.TableHeader;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization score --model DIR --data PATH ...}: a per-row score table, resumable and shardable. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score training rows: greedy decoding from each row's first --prefix tokens, matches with the next --continuation",
                "(score = matches / continuation), or with --exact-match only whether all match (one teacher-forced forward).",
                "Rerun with the same --out to resume after a kill; --shard i/n splits the rows for array jobs (join with 'merge')."})
final class ScoreCommand implements PluginCommand {

    private final RunService runs;
    private final LanguageModels models;
    private final TrainingDataProvider provider;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face GPT-NeoX model directory (a checkpoint).")
    Path model;

    @Option(names = "--name", description = "Model name in the table (default: the directory's name, or its parent's for step<N> directories).")
    String name;

    @Option(names = "--step", description = "The checkpoint's training step (default: from a directory named step<N>).")
    Long step;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Training rows: an .npy [rows, tokens] of token ids, or a dataset the training-data service reads (pythia-preshuffled).")
    Path data;

    @Option(names = "--batch-size", defaultValue = "1024", description = "Rows per training step, for --steps and compute (default: ${DEFAULT-VALUE}).")
    int batchSize;

    static final class Selection {
        @Option(names = "--rows", paramLabel = "FROM:TO", description = "Rows [FROM, TO).")
        String rows;

        @Option(names = "--steps", paramLabel = "FROM:TO", description = "Rows trained at steps [FROM, TO): [FROM·batch, TO·batch).")
        String steps;

        @Option(names = "--all-rows", description = "Every row of the data.")
        boolean all;
    }

    @ArgGroup(exclusive = true)
    Selection selection;

    @Option(names = "--sample", paramLabel = "N", description = "Score N rows drawn at random (with --seed) from the selected ones.")
    Integer sample;

    @Option(names = "--prefix", defaultValue = "32", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int prefix;

    @Option(names = "--continuation", defaultValue = "32", description = "Continuation tokens compared (default: ${DEFAULT-VALUE}).")
    int continuation;

    @Option(names = "--ban-token", paramLabel = "ID",
            description = "A token never generated; --ban-token 0 reproduces the paper's script, which bans EOD. Repeatable.")
    List<Integer> banTokens = new ArrayList<>();

    @Option(names = "--exact-match", description = "Binary label only (score 1 or 0) from one teacher-forced forward: ~24x cheaper.")
    boolean exactMatch;

    @Option(names = "--shard", paramLabel = "i/n", description = "Score only shard i of n of the selected rows.")
    String shard;

    @Option(names = "--eval-batch", defaultValue = "32", description = "Rows per forward pass (default: ${DEFAULT-VALUE}).")
    int evalBatch;

    @Option(names = "--no-csv", description = "Write only the binary table (matches.npy, table.json), not scores.csv.")
    boolean noCsv;

    @Inject
    ScoreCommand(RunService runs, LanguageModels models, TrainingDataProvider provider) {
        this.runs = runs;
        this.models = models;
        this.provider = provider;
    }

    @Override
    public Integer call() throws Exception {
        ScoringSetup setup;
        Shard part;
        try {
            setup = new ScoringSetup(prefix, continuation, exactMatch ? ScoringMode.EXACT_MATCH : ScoringMode.GREEDY,
                    banTokens.stream().mapToInt(Integer::intValue).toArray());
            part = shard == null ? Shard.WHOLE : Shard.parse(shard);
            if (batchSize < 1 || evalBatch < 1) {
                throw new IllegalArgumentException("--batch-size and --eval-batch must be ≥ 1");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.start(spec, common);
             TrainingData rows = openData();
             LanguageModel lm = models.load(model)) {
            Long checkpointStep = step != null ? step : ModelIdentities.stepFromName(model);
            ModelIdentity identity = ModelIdentities.of(lm, modelName(), checkpointStep, rows);
            RowSelection selected = select(rows, checkpointStep);
            TableHeader header = new TableHeader(setup.prefixLength(), setup.continuationLength(), setup.mode(),
                    banTokens.stream().distinct().sorted().toList(), identity,
                    new DataIdentity(rows.source().toAbsolutePath().normalize().toString(), layout(), rows.rowLength(), rows.batchSize()),
                    selected.describe(), selected.size(), part);
            RowSelection mine = selected.shard(part);
            out.println("scoring " + mine.size() + " rows (" + selected.describe() + (part.count() > 1 ? ", shard " + part : "") + ") with "
                    + identity.name() + (checkpointStep != null ? " at step " + checkpointStep : ""));
            out.println("mode: " + header.modeDescription());
            lm.warnings().forEach(w -> out.println("warning: " + w));
            Path log = run.output("scores.log");
            MemorizationScorer scorer = new MemorizationScorer(lm, setup);
            ScoringJob.Outcome outcome;
            try (Progress progress = run.progress("score", mine.size())) {
                outcome = ScoringJob.run(rows, mine, header, scorer::score, log, evalBatch, progress);
            }
            if (outcome.resumedRows() > 0) {
                out.println("resumed: " + outcome.resumedRows() + " rows were already scored"
                        + (outcome.discardedLogBytes() > 0 ? "; a torn last record (" + outcome.discardedLogBytes() + " bytes) was discarded" : ""));
            }
            ScoreTableFiles.write(run.directory(), outcome.table(), !noCsv);
            Files.deleteIfExists(log);
            long memorized = outcome.table().countAtLeast(setup.continuationLength());
            run.result("mode", header.modeDescription());
            run.result("rows", mine.size());
            run.result("memorized", memorized);
            run.result("resumed_rows", outcome.resumedRows());
            run.result("selection", selected.describe());
            run.result("shard", part.toString());
            run.result("weights_sha256", identity.weightSha256());
            lm.warnings().forEach(w -> run.result("warning", w));
            run.succeeded();
            out.printf(java.util.Locale.ROOT, "%d of %d rows memorized (%.4f%%) → %s%n", memorized, mine.size(),
                    mine.size() == 0 ? 0.0 : 100.0 * memorized / mine.size(), run.directory());
        }
        return ExitCode.OK;
    }

    private TrainingData openData() throws IOException {
        if (data.getFileName() != null && data.getFileName().toString().endsWith(".npy")) {
            return NpyTokenRows.open(data, batchSize);
        }
        if (!provider.accepts(data)) {
            throw new ParameterException(spec.commandLine(), "--data " + data + ": neither an .npy of token rows nor a "
                    + provider.layout() + " dataset");
        }
        return provider.open(data, batchSize);
    }

    private String layout() {
        return data.getFileName() != null && data.getFileName().toString().endsWith(".npy") ? NpyTokenRows.LAYOUT : provider.layout();
    }

    private String modelName() {
        if (name != null) {
            return name;
        }
        Path dir = model.toAbsolutePath().normalize();
        if (ModelIdentities.stepFromName(dir) != null && dir.getParent() != null && dir.getFileName().toString().startsWith("step")) {
            return dir.getParent().getFileName().toString();
        }
        return dir.getFileName().toString();
    }

    private RowSelection select(TrainingData rows, Long checkpointStep) {
        try {
            RowSelection base;
            if (selection != null && selection.rows != null) {
                long[] range = range(selection.rows, "--rows");
                base = RowSelections.range(range[0], range[1]);
            } else if (selection != null && selection.steps != null) {
                long[] range = range(selection.steps, "--steps");
                base = RowSelections.steps(range[0], range[1], batchSize);
            } else if ((selection == null || !selection.all) && checkpointStep != null) {
                // What the paper scores: every row the checkpoint has trained on.
                base = RowSelections.range(0, Math.min(rows.rowCount(), checkpointStep * batchSize));
            } else {
                base = RowSelections.range(0, rows.rowCount());
            }
            if (sample == null) {
                return base;
            }
            long first = base.size() == 0 ? 0 : base.row(0);
            return RowSelections.random(first, first + base.size(), sample, common.seed());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private long[] range(String text, String option) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), option + " expects FROM:TO, such as 0:1024, got '" + text + "'");
    }
}
