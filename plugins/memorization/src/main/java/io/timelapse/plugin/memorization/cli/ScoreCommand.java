package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.WeightFile;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.api.shard.Shard;
import io.timelapse.api.shard.Shardable;
import io.timelapse.plugin.memorization.scoring.MemorizationScorer;
import io.timelapse.plugin.memorization.scoring.ModelIdentities;
import io.timelapse.plugin.memorization.scoring.ScoringJob;
import io.timelapse.plugin.memorization.scoring.ScoringSetup;
import io.timelapse.plugin.memorization.scoring.TrainingRecords;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.table.DataIdentity;
import io.timelapse.plugin.memorization.table.ModelIdentity;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.plugin.memorization.table.ScoringMode;
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
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization score --model DIR --data PATH ...}: a per-row score table, resumable and shardable. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score training rows by how much of their continuation a model reproduces.",
                "Greedy decoding from each row's first --prefix tokens counts the matches with the next --continuation tokens"
                        + " (score = matches / continuation); --exact-match only says whether all match, from one teacher-forced forward."
                        + " Rerun with the same --out to resume after a kill; --shard i/n splits the rows for array jobs (join them with 'merge')."})
final class ScoreCommand implements PluginCommand, Shardable {

    private final RunService runs;
    private final LanguageModels models;
    private final TokenRowsSource sources;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face GPT-NeoX model directory (a checkpoint).")
    Path model;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Model name in the table (default: the directory's name; for step<N> directories their parent's, or the run's for 'lm train' checkpoints).")
    String name;

    @Option(names = "--step", paramLabel = "N", description = "The checkpoint's training step (default: from a directory named step<N>).")
    Long step;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Training rows: an .npy [rows, tokens] of token ids, or a dataset the training-data service reads (pythia-preshuffled).")
    Path data;

    @Option(names = "--batch-size", paramLabel = "ROWS",
            description = "Rows per training step, for --steps and the trained tokens. Default: the training record next to the checkpoints"
                    + " (training.json of 'memorization reproduce', or the run.json of 'lm train'); without one, step-based selections need it"
                    + " (Pythia: 1024).")
    Integer batchSize;

    @ArgGroup(exclusive = true)
    RowOptions.Selection selection;

    @Option(names = "--sample", paramLabel = "N", description = "Score N rows drawn at random (with --seed) from the selected ones.")
    Integer sample;

    @Option(names = "--prefix", defaultValue = "32", paramLabel = "TOKENS", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int prefix;

    @Option(names = "--continuation", defaultValue = "32", paramLabel = "TOKENS", description = "Continuation tokens compared (default: ${DEFAULT-VALUE}).")
    int continuation;

    @Option(names = "--ban-token", paramLabel = "ID",
            description = "A token never generated; --ban-token 0 reproduces the paper's script, which bans EOD. Repeatable.")
    List<Integer> banTokens = new ArrayList<>();

    @Option(names = "--exact-match", description = "Write the binary label only (score 1 or 0) from one teacher-forced forward, about 24x cheaper.")
    boolean exactMatch;

    @Option(names = "--shard", paramLabel = "i/n", description = "Score only shard i of n of the selected rows.")
    String shard;

    @Option(names = "--eval-batch", defaultValue = "32", paramLabel = "ROWS", description = "Rows per forward pass (default: ${DEFAULT-VALUE}).")
    int evalBatch;

    @Option(names = "--no-csv", description = "Write only the binary table (matches.npy, table.json), not scores.csv.")
    boolean noCsv;

    @Inject
    ScoreCommand(RunService runs, LanguageModels models, TrainingDataProvider provider, ComputeService compute) {
        this.runs = runs;
        this.models = models;
        this.sources = new TokenRowsSource(provider);
        this.compute = compute;
    }

    @Override
    public Integer call() throws Exception {
        ScoringSetup setup = setup();
        Shard part = RowOptions.shard(spec, shard);
        if (evalBatch < 1) {
            throw new ParameterException(spec.commandLine(), "--eval-batch " + evalBatch + ": must be ≥ 1");
        }
        checkModel(setup);
        Long checkpointStep = checkpointStep();
        Optional<TrainingRecords.Found> record = TrainingRecords.find(model, data, sources::rowLength);
        Integer batch = batch(record);
        PrintWriter out = spec.commandLine().getOut();
        // Without a batch size no row is mapped to a step, so the data's own batch size is never used.
        try (TrainingData rows = sources.open(spec, "--data", data, batch != null ? batch : 1)) {
            TrainingSettings training = record.map(TrainingRecords.Found::settings)
                    .orElse(batch == null ? null : new TrainingSettings(batch, rows.rowLength() - 1, "--batch-size and the rows of --data"));
            RowSelection selected = new RowOptions(spec, selection, sample, common.seed()).select(rows, checkpointStep, training);
            if (setup.windowLength() > rows.rowLength()) {
                throw new ParameterException(spec.commandLine(), "--prefix " + prefix + " --continuation " + continuation + ": " + setup.windowLength()
                        + " tokens, but the rows of --data " + data + " hold " + rows.rowLength());
            }
            try (Run run = runs.resume(spec, common)) {
                if (run.complete()) {
                    out.println(run.directory() + " is complete: " + run.results().get("memorized") + " of " + run.results().get("rows")
                            + " rows memorized; nothing to score");
                    return ExitCode.OK;
                }
                run.device(compute.device().summary());
                run.versions(compute.versions());
                if (record.isPresent()) {
                    run.input(record.get().file());
                }
                for (Path file : rows.files()) {
                    run.input(file);
                }
                try (LanguageModel lm = models.load(model)) {
                    run.input(model.resolve("config.json"));
                    for (WeightFile file : lm.weightFiles()) {
                        run.input(file.path());
                    }
                    score(run, out, rows, lm, setup, part, checkpointStep, training, selected);
                }
            }
        }
        return ExitCode.OK;
    }

    private void score(Run run, PrintWriter out, TrainingData rows, LanguageModel lm, ScoringSetup setup, Shard part, Long checkpointStep,
                       TrainingSettings training, RowSelection selected) throws IOException {
        ModelIdentity identity = ModelIdentities.of(lm, modelName(), checkpointStep, training);
        TableHeader header = new TableHeader(setup.prefixLength(), setup.continuationLength(), setup.mode(),
                banTokens.stream().distinct().sorted().toList(), identity,
                new DataIdentity(rows.source().toAbsolutePath().normalize().toString(), sources.layout(data), rows.rowLength()),
                selected.describe(), selected.size(), part);
        RowSelection mine = selected.shard(part);
        out.println("scoring " + mine.size() + " rows (" + selected.describe() + (part.count() > 1 ? ", shard " + part : "") + ") with "
                + identity.name() + (checkpointStep != null ? " at step " + checkpointStep : ""));
        out.println("mode: " + header.modeDescription());
        out.println("training: " + (training == null ? "unknown (no training record and no --batch-size), so the trained tokens are unknown"
                : training.describe()));
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
        run.result("training", training == null ? null : training.describe());
        run.result("trained_tokens", identity.trainedTokens());
        run.result("weights_sha256", identity.weightSha256());
        lm.warnings().forEach(w -> run.result("warning", w));
        run.succeeded();
        out.printf(Locale.ROOT, "%d of %d rows memorized (%.4f%%) → %s%n", memorized, mine.size(),
                mine.size() == 0 ? 0.0 : 100.0 * memorized / mine.size(), run.directory());
    }

    /** {@code memorization merge} of the shards' tables, with this command's {@code --no-csv}. */
    @Override
    public List<String> mergeCommand(List<Path> shardRuns) {
        List<String> line = new ArrayList<>(Shardable.mergeLine(List.of("memorization", "merge"), shardRuns));
        if (noCsv) {
            line.add("--no-csv");
        }
        return line;
    }

    private ScoringSetup setup() {
        try {
            return new ScoringSetup(prefix, continuation, exactMatch ? ScoringMode.EXACT_MATCH : ScoringMode.GREEDY,
                    banTokens.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Reads the model's config before the run starts, and refuses the options it rules out. */
    private void checkModel(ScoringSetup setup) {
        if (!Files.isDirectory(model)) {
            throw new ParameterException(spec.commandLine(), "--model " + model + ": " + (Files.exists(model) ? "not a directory" : "no such directory")
                    + "; expected a Hugging Face GPT-NeoX model directory");
        }
        LmConfig config;
        try {
            config = models.readConfig(model.resolve("config.json"));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--model " + model + ": " + e.getMessage(), e);
        }
        if (setup.windowLength() > config.maxPositions()) {
            throw new ParameterException(spec.commandLine(), "--prefix " + prefix + " --continuation " + continuation + ": " + setup.windowLength()
                    + " tokens exceed the model's " + config.maxPositions() + " positions");
        }
        for (int id : setup.bannedTokens()) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new ParameterException(spec.commandLine(), "--ban-token " + id + ": not a token id of the model (0 to " + (config.vocabSize() - 1) + ")");
            }
        }
    }

    private Long checkpointStep() {
        if (step != null && step < 0) {
            throw new ParameterException(spec.commandLine(), "--step " + step + ": must be ≥ 0");
        }
        return step != null ? step : ModelIdentities.stepFromName(model);
    }

    /** The training batch size: the record's, which {@code --batch-size} may repeat but not contradict. */
    private Integer batch(Optional<TrainingRecords.Found> record) {
        if (batchSize != null && batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size " + batchSize + ": must be ≥ 1");
        }
        if (record.isEmpty()) {
            return batchSize;
        }
        int recorded = record.get().settings().batchSize();
        if (batchSize != null && batchSize != recorded) {
            throw new ParameterException(spec.commandLine(), "--batch-size " + batchSize + ": the model was trained with batch size " + recorded
                    + " (" + record.get().file() + "); leave --batch-size out");
        }
        return recorded;
    }

    private String modelName() {
        if (name != null) {
            return name;
        }
        Path dir = model.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (ModelIdentities.stepFromName(dir) != null && parent != null && parent.getFileName() != null
                && dir.getFileName().toString().startsWith("step")) {
            // 'lm train' puts step<N>/ in the checkpoints/ of its run directory, which names the model better.
            boolean lmTrain = parent.getFileName().toString().equals("checkpoints") && parent.getParent() != null
                    && parent.getParent().getFileName() != null;
            return (lmTrain ? parent.getParent() : parent).getFileName().toString();
        }
        return dir.getFileName().toString();
    }
}
