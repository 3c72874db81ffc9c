package io.timelapse.plugin.memorization.reproduce;

import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.TrainingListener;
import io.timelapse.api.lm.TrainingPlan;
import io.timelapse.api.lm.TrainingResult;
import io.timelapse.api.run.Progress;
import io.timelapse.api.shard.Shard;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import io.timelapse.lib.tokens.NpyTokenRows;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.memorization.analysis.ComputeMatched;
import io.timelapse.plugin.memorization.analysis.LabeledTable;
import io.timelapse.plugin.memorization.analysis.PredictionAnalysis;
import io.timelapse.plugin.memorization.analysis.PredictionReport;
import io.timelapse.plugin.memorization.scoring.MemorizationScorer;
import io.timelapse.plugin.memorization.scoring.ModelIdentities;
import io.timelapse.plugin.memorization.scoring.ScoringJob;
import io.timelapse.plugin.memorization.scoring.ScoringSetup;
import io.timelapse.plugin.memorization.scoring.TrainingRecords;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSelections;
import io.timelapse.plugin.memorization.table.DataIdentity;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.plugin.memorization.table.ScoringMode;
import io.timelapse.plugin.memorization.table.TableHeader;
import io.timelapse.plugin.memorization.table.TrainingSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The paper's study at small scale: build the rows, train each size with evenly spaced
 * checkpoints, score every checkpoint on the first epoch's rows (greedy, EOD banned as in the paper's
 * script), then report both prediction set-ups against the largest model's final checkpoint.
 * Every stage resumes: training from its state, scoring from its logs, finished tables are reused.
 */
public final class Reproduction {

    /** What the run produced: the two reports and the combined summary. */
    public record Outcome(PredictionAnalysis.Result bySize, PredictionAnalysis.Result byTime, String summary) {}

    private final LanguageModels models;
    private final ReproductionConfig config;
    private final Path directory;
    private final PrintWriter out;
    private final BiFunction<String, Long, Progress> progress;

    public Reproduction(LanguageModels models, ReproductionConfig config, Path directory, PrintWriter out,
                        BiFunction<String, Long, Progress> progress) {
        this.models = models;
        this.config = config;
        this.directory = directory;
        this.out = out;
        this.progress = progress;
    }

    /**
     * The training rows of a reproduction, built before its run starts so that a corpus too small
     * for the options is refused first.
     *
     * @throws IllegalArgumentException when the documents give less than one batch of rows per epoch
     */
    public static TrainingRows rows(ReproductionConfig config, List<String> corpus, ByteLevelBpeTokenizer tokenizer) {
        List<String> longEnough = corpus.stream().filter(d -> d.length() >= config.minCharacters()).toList();
        List<String> documents = config.documents() > 0 && longEnough.size() > config.documents()
                ? longEnough.subList(0, config.documents()) : longEnough;
        TrainingRows rows = TrainingRows.build(documents, tokenizer, config.rowLength(), config.duplicated(), config.maxCopies(),
                config.epochs(), config.seed());
        if (rows.rowsPerEpoch() < config.batchSize()) {
            throw new IllegalArgumentException(documents.size() + " documents of at least " + config.minCharacters() + " characters give "
                    + rows.rowsPerEpoch() + " rows per epoch, fewer than one batch of " + config.batchSize() + " rows");
        }
        return rows;
    }

    /** Where rows built by {@link #rows} came from, for the report: how many documents, how many of them repeated. */
    public static String documentsOf(TrainingRows rows, ReproductionConfig config, String corpus) {
        long repeated = java.util.Arrays.stream(rows.copies()).filter(c -> c > 1).count();
        return String.format(Locale.ROOT, "%d documents of ≥ %d characters from %s, %d of them repeated 2-%d times per epoch", rows.documents(),
                config.minCharacters(), corpus, repeated, config.maxCopies());
    }

    /**
     * The study of {@code rows} as the configuration's regime plans it.
     *
     * @throws IllegalArgumentException when the rows are too few for the plan
     */
    public static StudyPlan plan(ReproductionConfig config, TrainingRows rows) {
        long stepsPerEpoch = rows.rowsPerEpoch() / config.batchSize();
        return config.regime() == ReproductionConfig.Regime.ONE_PASS
                ? StudyPlan.pythia(rows.rowCount() / config.batchSize(), config.batchSize())
                : StudyPlan.repeatedEpochs(stepsPerEpoch, config.epochs(), config.checkpoints(), config.batchSize());
    }

    /**
     * Writes the rows, trains, scores and reports; {@code rows} come from {@link #rows} or {@link TrainingRows#fromNeoxRows},
     * and {@code source} says in the report where their documents came from.
     */
    public Outcome run(TrainingRows rows, String source) throws IOException {
        StudyPlan plan = plan(config, rows);
        Path data = directory.resolve("data");
        Path rowsFile = data.resolve("rows.npy");
        Npy.writeInts(rowsFile, DType.INT32, rows.rows(), rows.rowCount(), rows.rowLength());
        Npy.writeInts(data.resolve("vocab_neox_ids.npy"), DType.INT32, rows.neoxIds());
        if (rows.copies().length > 0) {
            Npy.writeInts(data.resolve("document_copies.npy"), DType.INT32, rows.copies());
        }
        // One item per row in training order, uint16: the layout of Pythia's pre-shuffled datasets, which gpt-neox reads.
        MMapIndexedDatasetWriter.write(data.resolve("train_text_document"), TokenType.UINT16, rows.items());
        out.printf(Locale.ROOT, "data: %s; %d-token rows, %d rows, dense vocabulary %d of GPT-NeoX's ids → %s%n", source, rows.rowLength(),
                rows.rowCount(), rows.neoxIds().length, data);
        out.printf(Locale.ROOT, "training: %s; scored: rows [0, %d), at the end rows [0, %d)%n", plan.describe(config.batchSize()),
                plan.scoredRows(), plan.finalRows());
        RowSelection scored = RowSelections.range(0, plan.scoredRows());
        RowSelection all = RowSelections.range(0, plan.finalRows());
        ScoringSetup setup = new ScoringSetup(config.prefix(), config.continuation(), ScoringMode.GREEDY, new int[] {0});
        Map<String, List<LabeledTable>> tables = new LinkedHashMap<>();
        try (NpyTokenRows trainingRows = NpyTokenRows.open(rowsFile, config.batchSize())) {
            for (ModelSize size : config.sizes()) {
                LmConfig lm = LmConfig.pythia(size.layers(), size.hidden(), size.heads(), rows.vocabSize(), rows.rowLength() - 1);
                Path modelDir = directory.resolve("models").resolve(size.name());
                TrainingPlan training = new TrainingPlan(lm, trainingRows, modelDir, plan.steps(), config.batchSize(), config.learningRate(),
                        plan.warmupSteps(), 0.01, plan.checkpointSchedule(), config.seed());
                TrainingSettings settings = TrainingRecords.write(training).settings();
                long started = System.nanoTime();
                TrainingResult result;
                try (Progress bar = progress.apply("train " + size.name(), plan.steps())) {
                    result = models.train(training, new TrainingListener() {
                        private long shown;

                        @Override
                        public void stepStarting(long completedSteps) {
                            // A resumed run starts past 0: the bar counts from where it resumed.
                            bar.advance(completedSteps + 1 - shown);
                            shown = completedSteps + 1;
                        }
                    });
                }
                out.printf(Locale.ROOT, "model %s (%d layers, d %d, %d heads, %,d parameters): %d steps, final loss %.3f, %.0f s%n", size.name(),
                        size.layers(), size.hidden(), size.heads(), lm.parameterCount(), result.finalStep(), result.finalLoss(),
                        (System.nanoTime() - started) / 1e9);
                List<LabeledTable> checkpoints = new ArrayList<>();
                for (Path checkpoint : result.checkpoints()) {
                    Long step = ModelIdentities.stepFromName(checkpoint);
                    if (step == null || !plan.compared().contains(step)) {
                        continue;
                    }
                    ScoreTable table = score(size.name(), checkpoint, step, settings, trainingRows, step == plan.steps() ? all : scored, setup);
                    String label = plan.label(size.name(), step);
                    checkpoints.add(LabeledTable.of(label, table));
                    out.printf(Locale.ROOT, "  %s: %d of %d rows memorized (%.2f%%)%n", label, table.countAtLeast(config.continuation()),
                            table.size(), 100.0 * table.countAtLeast(config.continuation()) / table.size());
                }
                tables.put(size.name(), checkpoints);
            }
        }
        List<LabeledTable> largest = tables.get(config.sizes().get(config.sizes().size() - 1).name());
        LabeledTable target = largest.get(largest.size() - 1);
        List<LabeledTable> smaller = new ArrayList<>();
        for (ModelSize size : config.sizes().subList(0, config.sizes().size() - 1)) {
            List<LabeledTable> list = tables.get(size.name());
            smaller.add(list.get(list.size() - 1));
        }
        PredictionAnalysis.Result bySize = PredictionAnalysis.analyze(target, smaller, config.continuation(), 512);
        PredictionAnalysis.Result byTime = PredictionAnalysis.analyze(target, largest.subList(0, largest.size() - 1), config.continuation(), 512);
        String sizeReport = PredictionReport.write(directory.resolve("predict-smaller-models"), bySize);
        String timeReport = PredictionReport.write(directory.resolve("predict-intermediate-checkpoints"), byTime);
        StringBuilder summary = new StringBuilder("# Small-scale reproduction of \"Emergent and Predictable Memorization\"\n\n");
        summary.append(String.format(Locale.ROOT, "%s; %d rows of %d tokens; %s; every compared checkpoint scored on rows [0, %d), the last"
                        + " ones on rows [0, %d): %s.%n%n", source, rows.rowCount(), rows.rowLength(), plan.describe(config.batchSize()), scored.size(),
                all.size(), target.table().header().modeDescription()));
        Map<String, PredictionAnalysis.Result> strategies = new LinkedHashMap<>();
        strategies.put("smaller models", bySize);
        strategies.put("intermediate checkpoints", byTime);
        String matched = ComputeMatched.write(directory.resolve("compute-matched"), strategies);
        summary.append("## Smaller models → largest model\n\n").append(body(sizeReport)).append('\n');
        summary.append("## Intermediate checkpoints → final checkpoint\n\n").append(body(timeReport)).append('\n');
        summary.append("## Both at equal compute\n\n").append(matched);
        AtomicFiles.writeString(directory.resolve("summary.md"), summary.toString());
        return new Outcome(bySize, byTime, summary.toString());
    }

    private ScoreTable score(String name, Path checkpoint, long step, TrainingSettings training, NpyTokenRows rows, RowSelection selection,
                             ScoringSetup setup) throws IOException {
        Path tableDir = directory.resolve("scores").resolve(name + "-step" + step);
        if (Files.isRegularFile(tableDir.resolve(ScoreTableFiles.HEADER))) {
            return ScoreTableFiles.read(tableDir);
        }
        try (LanguageModel model = models.load(checkpoint)) {
            TableHeader header = new TableHeader(setup.prefixLength(), setup.continuationLength(), setup.mode(), List.of(0),
                    ModelIdentities.of(model, name, step, training),
                    new DataIdentity(rows.source().toAbsolutePath().normalize().toString(), NpyTokenRows.LAYOUT, rows.rowLength()),
                    selection.describe(), selection.size(), Shard.WHOLE);
            Files.createDirectories(tableDir);
            Path log = tableDir.resolve("scores.log");
            MemorizationScorer scorer = new MemorizationScorer(model, setup);
            ScoringJob.Outcome outcome;
            try (Progress bar = progress.apply("score " + name + " step " + step, selection.size())) {
                outcome = ScoringJob.run(rows, selection, header, scorer::score, log, config.evalBatch(), bar);
            }
            ScoreTableFiles.write(tableDir, outcome.table(), true);
            Files.deleteIfExists(log);
            return outcome.table();
        }
    }

    private static String body(String report) {
        int firstBreak = report.indexOf("\n\n");
        return firstBreak < 0 ? report : report.substring(firstBreak + 2);
    }
}
