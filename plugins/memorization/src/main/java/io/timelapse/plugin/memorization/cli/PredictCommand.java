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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization predict --target T --predictor P...}: how well cheap runs predict a target's memorization. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Compare predictor score tables with a target table on their common rows: confusion matrix, precision, recall,",
                "FPR, FNR, Pearson r, % memorized, score histograms, Poisson windows, precision/recall vs compute (CSV + PNG)."})
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

    @Option(names = "--window", defaultValue = "512", description = "Rows per window for the Poisson check (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--compute", paramLabel = "LABEL=FLOPS",
            description = "Training compute of a table's model, when its header lacks parameters or trained tokens; repeatable.")
    Map<String, Double> compute = new HashMap<>();

    @Inject
    PredictCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        try (Run run = runs.start(spec, common)) {
            LabeledTable targetTable = open(run, target);
            List<LabeledTable> predictorTables = new ArrayList<>();
            for (String predictor : predictors) {
                predictorTables.add(open(run, predictor));
            }
            int matches = threshold != null ? threshold : targetTable.table().header().continuationLength();
            PredictionAnalysis.Result result;
            try {
                result = PredictionAnalysis.analyze(targetTable, predictorTables, matches, window);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
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

    private LabeledTable open(Run run, String argument) throws IOException {
        int eq = argument.indexOf('=');
        String label = null;
        Path path = Path.of(argument);
        if (eq > 0 && !Files.exists(path)) {
            label = argument.substring(0, eq);
            path = Path.of(argument.substring(eq + 1));
        }
        Path header = Files.isDirectory(path) ? path.resolve(ScoreTableFiles.HEADER) : path;
        ScoreTable table = ScoreTableFiles.read(run.input(header));
        LabeledTable labeled = LabeledTable.of(table);
        String name = label != null ? label : labeled.label();
        double flops = compute.getOrDefault(name, labeled.computeFlops());
        return new LabeledTable(name, table, flops);
    }
}
