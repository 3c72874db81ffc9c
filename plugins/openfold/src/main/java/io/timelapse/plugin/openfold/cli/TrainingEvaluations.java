package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.compute.Session;
import io.timelapse.api.run.Run;
import io.timelapse.lib.metrics.CompositeMetricsWriter;
import io.timelapse.lib.metrics.MetricsWriter;
import io.timelapse.plugin.openfold.training.EvaluationLog;
import io.timelapse.plugin.openfold.training.TrainingStep;
import io.timelapse.plugin.openfold.training.Validation;
import io.timelapse.plugin.openfold.training.ValidationPlots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The evaluations of a run, with the averaged weights: the chain's lDDT-Cα and pLDDT into eval.csv, or every
 * validation chain's scores into validation.csv and their means into validation/ (CSV, JSON lines, TensorBoard).
 */
final class TrainingEvaluations implements AutoCloseable {

    static final String EVAL_CSV = "eval.csv";
    static final String VALIDATION_CSV = "validation.csv";
    static final String VALIDATION_METRICS = "validation";

    private final Run run;
    private final TrainingStep step;
    private final Session session;
    private final TrainingSource source;
    private final Validation held;
    private final PrintWriter out;
    /** Each validation chain's family, for the figures. */
    private final Map<String, String> families = new LinkedHashMap<>();
    private MetricsWriter means;

    TrainingEvaluations(Run run, TrainingStep step, Session session, TrainingSource source, Validation held, PrintWriter out) {
        this.run = run;
        this.step = step;
        this.session = session;
        this.source = source;
        this.held = held;
        this.out = out;
        if (source.validation() != null) {
            source.validation().chains().forEach(chain -> families.put(chain.id(), chain.family()));
        }
    }

    /** Evaluates after {@code completed} steps and returns the (mean) lDDT-Cα; nothing on a data set without validation. */
    OptionalDouble evaluate(long completed, Map<String, Double> metrics) throws IOException {
        Double loss = metrics.get("loss");
        String training = String.format(Locale.ROOT, "step %d: loss %.4f", completed, loss == null ? Double.NaN : loss);
        if (held == null && source.evaluation() == null) {
            out.println(training + " (no --validation split to evaluate on)");
            return OptionalDouble.empty();
        }
        if (held == null) {
            TrainingStep.Evaluation result = step.withAveragedWeights(session, () -> step.evaluate(session, source.evaluation()));
            double plddt = java.util.Arrays.stream(result.plddt()).average().orElse(Double.NaN);
            new EvaluationLog(run.output(EVAL_CSV)).write(completed, result.lddtCa(), plddt);
            out.printf(Locale.ROOT, "%s, lDDT-Ca %.3f (training %.3f), mean pLDDT %.1f%n", training, result.lddtCa(),
                    metrics.getOrDefault("lddt_ca", Double.NaN), plddt);
            return OptionalDouble.of(result.lddtCa());
        }
        List<Validation.Score> scores = step.withAveragedWeights(session, () -> held.score(session));
        List<String> rows = scores.stream().map(score -> String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f,%.4f", score.chain(),
                score.residues(), score.lddtCa(), score.gdtTs(), score.gdtHa(), score.rmsdCa())).toList();
        new EvaluationLog(run.output(VALIDATION_CSV), "step,chain,residues,lddt_ca,gdt_ts,gdt_ha,rmsd_ca").write(completed, rows);
        ValidationPlots.write(run.output(VALIDATION_CSV), families, run.directory());
        Map<String, Double> mean = new LinkedHashMap<>();
        mean.put("lddt_ca", scores.stream().mapToDouble(Validation.Score::lddtCa).average().orElse(Double.NaN));
        mean.put("gdt_ts", scores.stream().mapToDouble(Validation.Score::gdtTs).average().orElse(Double.NaN));
        mean.put("gdt_ha", scores.stream().mapToDouble(Validation.Score::gdtHa).average().orElse(Double.NaN));
        mean.put("rmsd_ca", scores.stream().mapToDouble(Validation.Score::rmsdCa).average().orElse(Double.NaN));
        if (means == null) {
            Path directory = run.output(VALIDATION_METRICS);
            boolean resumed = Files.exists(directory.resolve(CompositeMetricsWriter.CSV_FILE));
            means = CompositeMetricsWriter.standard(directory, resumed ? OptionalLong.of(completed) : OptionalLong.empty(),
                    java.time.Clock.systemUTC());
        }
        means.write(completed, mean);
        out.printf(Locale.ROOT, "%s, validation (%d chains): lDDT-Ca %.3f, GDT-TS %.3f, RMSD %.2f A%n", training, scores.size(),
                mean.get("lddt_ca"), mean.get("gdt_ts"), mean.get("rmsd_ca"));
        return OptionalDouble.of(mean.get("lddt_ca"));
    }

    @Override
    public void close() throws IOException {
        if (means != null) {
            means.close();
        }
    }
}
