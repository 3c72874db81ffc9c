package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.memorization.analysis.LabeledTable;
import io.timelapse.plugin.memorization.analysis.PredictionAnalysis;
import io.timelapse.plugin.memorization.analysis.PredictionReport;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization predict --target T --predictor P...}: how well cheap runs predict a target's memorization. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Compare predictor score tables with a target table on the rows they share.",
                "Writes the confusion matrix, precision, recall, FPR, FNR and Pearson r of each predictor, %% memorized, score histograms,"
                        + " memorized rows per window against a Poisson fit, and precision and recall against compute (CSV, and figures as PNG and SVG)."
                        + " Compute is 6 · parameters · trained tokens; tables whose trained tokens come from different batch sizes or"
                        + " sequence lengths are refused unless --compute gives their compute."})
final class PredictCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--target", required = true, paramLabel = "[LABEL=]TABLE", description = "The target's score table (run directory or table.json).")
    String target;

    @Option(names = "--predictor", required = true, paramLabel = "[LABEL=]TABLE", description = "A predictor's score table; repeat for several.")
    List<String> predictors;

    @Option(names = "--threshold", paramLabel = "MATCHES",
            description = "Memorized means at least this many continuation tokens match (default: the continuation length, the paper's score == 1).")
    Integer threshold;

    @Option(names = "--window", defaultValue = "512", paramLabel = "ROWS", description = "Rows per window for the Poisson check (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--compute", paramLabel = "LABEL=FLOPS",
            description = "Training compute of the table labelled LABEL, instead of the one its header gives; repeatable.")
    Map<String, Double> compute = new HashMap<>();

    @Inject
    PredictCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>();
        LabeledTable targetTable = open("--target", target, files);
        List<LabeledTable> predictorTables = new ArrayList<>();
        for (String predictor : predictors) {
            predictorTables.add(open("--predictor", predictor, files));
        }
        checkComputeLabels(targetTable, predictorTables);
        int matches = threshold != null ? threshold : targetTable.table().header().continuationLength();
        try {
            PredictionAnalysis.validate(targetTable, predictorTables, matches, window);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (Run run = runs.start(spec, common)) {
            for (Path file : files) {
                run.input(file);
            }
            PredictionAnalysis.Result result = PredictionAnalysis.analyze(targetTable, predictorTables, matches, window);
            String summary = PredictionReport.write(run.directory(), result);
            run.result("threshold", matches);
            run.result("target", targetTable.label());
            run.result("target_mode", targetTable.table().header().modeDescription());
            for (var p : result.predictions()) {
                run.result("precision." + p.predictor().label(), p.confusion().precision());
                run.result("recall." + p.predictor().label(), p.confusion().recall());
            }
            run.succeeded();
            spec.commandLine().getOut().print(summary);
            spec.commandLine().getOut().println("report → " + run.directory());
        }
        return ExitCode.OK;
    }

    private LabeledTable open(String option, String argument, List<Path> files) {
        int eq = argument.indexOf('=');
        String label = null;
        Path path = Path.of(argument);
        if (eq > 0 && !Files.exists(path)) {
            label = argument.substring(0, eq);
            path = Path.of(argument.substring(eq + 1));
        }
        ScoreTable table;
        try {
            table = ScoreTableFiles.read(path, files);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + " " + e.getMessage(), e);
        }
        LabeledTable labeled = label != null ? LabeledTable.of(label, table) : LabeledTable.of(table);
        Double flops = compute.get(labeled.label());
        return flops == null ? labeled : labeled.withCompute(flops);
    }

    private void checkComputeLabels(LabeledTable targetTable, List<LabeledTable> predictorTables) {
        Set<String> labels = new TreeSet<>();
        labels.add(targetTable.label());
        for (LabeledTable predictor : predictorTables) {
            if (!labels.add(predictor.label())) {
                throw new ParameterException(spec.commandLine(), "--predictor " + predictor.label() + ": another table has this label; "
                        + "name each table with LABEL=TABLE");
            }
        }
        for (Map.Entry<String, Double> e : compute.entrySet()) {
            if (!labels.contains(e.getKey())) {
                throw new ParameterException(spec.commandLine(), "--compute " + e.getKey() + "=" + e.getValue() + ": no table is labelled "
                        + e.getKey() + "; the labels are " + labels);
            }
            if (!(e.getValue() > 0) || e.getValue().isInfinite()) {
                throw new ParameterException(spec.commandLine(), "--compute " + e.getKey() + "=" + e.getValue() + ": must be a positive number of FLOPs");
            }
        }
    }
}
