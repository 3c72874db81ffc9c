package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.lib.checkpoint.CheckpointDirectory;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.model.ModelRecord;
import io.timelapse.plugin.dsb.probing.CheckpointProber;
import io.timelapse.plugin.dsb.probing.ProbeEvaluator;
import io.timelapse.plugin.dsb.probing.ProbeScore;
import io.timelapse.plugin.dsb.probing.ProbeTable;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import io.timelapse.plugin.dsb.training.ClassifierTrainer;
import io.timelapse.plugin.dsb.training.Recipe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a classifier and probes every checkpoint as it is written (shared by {@code dsb train} and {@code demo}).
 * Checkpoints go to {@code checkpoints/} with the {@link ModelRecord}, each checkpoint's scores to {@code probes/}
 * at once; a resumed run scores any checkpoint the stopped one wrote but had not scored yet.
 */
final class ProbedTraining {

    static final String CHECKPOINTS = "checkpoints";
    static final String PROBES = "probes";

    private static final Logger LOG = LoggerFactory.getLogger(ProbedTraining.class);

    private final ComputeService compute;
    private final Recipe recipe;
    private final ImageShape shape;
    private final String dataset;
    private final int evalBatch;
    /** Told of every step after the run's own work; tests stop a run with it. */
    TrainingLoop.Listener extra = new TrainingLoop.Listener() {};

    ProbedTraining(ComputeService compute, Recipe recipe, ImageShape shape, String dataset, int evalBatch) {
        this.compute = compute;
        this.recipe = recipe;
        this.shape = shape;
        this.dataset = dataset;
        this.evalBatch = evalBatch;
    }

    /** Trains on {@code train}, probing {@code sets} at every checkpoint {@code schedule} (plus the last step) selects. */
    void run(Run run, PrintWriter out, ProbeSet train, List<ProbeSet> sets, CheckpointSchedule schedule) throws IOException {
        Path checkpoints = run.output(CHECKPOINTS);
        Path probes = run.output(PROBES);
        new ModelRecord(recipe.model(), shape, dataset).write(checkpoints);
        run.result("warmup_steps", recipe.warmupSteps());
        try (ClassifierTrainer trainer = new ClassifierTrainer(compute, recipe, shape, train, evalBatch)) {
            ProbeTable table = new ProbeTable(dataset, trainer.model().net(), trainer.model().arch());
            table.load(probes, sets.stream().map(ProbeSet::name).toList());
            List<ProbeEvaluator.PreparedSet> prepared = trainer.prepare(sets);
            probeUnscored(checkpoints, probes, table, prepared);
            Listener listener = new Listener(run, trainer, table, prepared, probes);
            TrainingLoop.Result result;
            try {
                result = trainer.train(recipe.maxSteps(), checkpoints, schedule.or(CheckpointSchedule.steps(recipe.maxSteps())), run.directory(),
                    listener);
            } finally {
                listener.close();
            }
            if (result.resumed()) {
                out.printf("resumed from step %d%n", result.startStep());
            }
            Double loss = result.lastMetrics().get("loss");
            out.printf(Locale.ROOT, "trained %s (%s) to step %d%s, %d checkpoints in %s%n", trainer.model().net(), trainer.model().arch(),
                result.endStep(), loss == null ? "" : String.format(Locale.ROOT, ", final training loss %.4f", loss),
                table.rows().size(), checkpoints);
            run.result("final_step", result.endStep());
            ProbeOutputs.write(run, out, table, shape.classes(), dataset + " " + trainer.model().net());
        }
    }

    /** Scores the checkpoints of a stopped run that it wrote but did not score. */
    private void probeUnscored(Path checkpoints, Path probes, ProbeTable table, List<ProbeEvaluator.PreparedSet> prepared) throws IOException {
        List<CheckpointDirectory.Entry> unscored = new CheckpointDirectory(checkpoints).list().stream().filter(e -> !table.has(e.step())).toList();
        if (unscored.isEmpty()) {
            return;
        }
        try (CheckpointProber prober = new CheckpointProber(compute, new ModelRecord(recipe.model(), shape, dataset), evalBatch)) {
            for (CheckpointDirectory.Entry entry : unscored) {
                table.put(entry.step(), prober.probe(entry.path(), prepared));
                table.save(probes, entry.step());
            }
        }
    }

    private final class Listener implements TrainingLoop.Listener {
        private final Run run;
        private final ClassifierTrainer trainer;
        private final ProbeTable table;
        private final List<ProbeEvaluator.PreparedSet> prepared;
        private final Path probes;
        private Progress progress;
        private double probeSeconds;
        private int probed;
        private long started;

        Listener(Run run, ClassifierTrainer trainer, ProbeTable table, List<ProbeEvaluator.PreparedSet> prepared, Path probes) {
            this.run = run;
            this.trainer = trainer;
            this.table = table;
            this.prepared = prepared;
            this.probes = probes;
        }

        @Override
        public void checkpointWritten(long step, Path file) throws IOException {
            long start = System.nanoTime();
            List<ProbeScore> scores = trainer.probe(prepared);
            probeSeconds += (System.nanoTime() - start) / 1e9;
            probed++;
            table.put(step, scores);
            table.save(probes, step);
            LOG.info(ProbeOutputs.describe(step, scores));
        }

        @Override
        public void stepCompleted(long completedSteps, Map<String, Double> metrics) throws IOException {
            if (progress == null) {
                started = System.nanoTime();
                long first = completedSteps - 1;
                progress = run.progress(first == 0 ? "train" : "train from step " + first, recipe.maxSteps() - first);
            }
            progress.step();
            Double loss = metrics.get("loss");
            if (loss != null) {
                progress.status(String.format(Locale.ROOT, "loss %.3f", loss));
            }
            extra.stepCompleted(completedSteps, metrics);
        }

        void close() {
            if (progress != null) {
                progress.close();
                // Times of this call only: a resumed run's are those of the steps it ran.
                double total = (System.nanoTime() - started) / 1e9;
                run.result("train_seconds", total - probeSeconds);
                if (probed > 0) {
                    run.result("probe_seconds_per_checkpoint", probeSeconds / probed);
                }
            }
        }
    }
}
