package io.timelapse.plugin.dsb.probing;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Session;
import io.timelapse.lib.checkpoint.Checkpoint;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.plugin.dsb.model.Architectures;
import io.timelapse.plugin.dsb.model.ImageClassifier;
import io.timelapse.plugin.dsb.model.ModelRecord;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Scores checkpoint files of a classifier on probe sets: the classifier's parameters are loaded from each file in turn. */
public final class CheckpointProber implements AutoCloseable {

    private final Graph graph;
    private final Session session;
    private final ImageClassifier model;
    private final ProbeEvaluator evaluator;

    public CheckpointProber(ComputeService compute, ModelRecord record, int evalBatch) {
        this.graph = compute.newGraph(0);
        try {
            this.model = Architectures.build(record.model(), graph.ops(), record.shape());
            this.evaluator = new ProbeEvaluator(graph, model, evalBatch);
            this.session = graph.newSession();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    public ImageClassifier model() {
        return model;
    }

    public List<ProbeEvaluator.PreparedSet> prepare(List<ProbeSet> sets) {
        return sets.stream().map(evaluator::prepare).toList();
    }

    /** The scores of the weights in {@code file}, which must hold every parameter of the model in its shape. */
    public List<ProbeScore> probe(Path file, List<ProbeEvaluator.PreparedSet> sets) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            LoadReport report = StateDict.load(session, model.parameters(), checkpoint.file(), false);
            if (!report.missing().isEmpty() || !report.mismatched().isEmpty()) {
                throw new IOException(file + ": not a checkpoint of this " + model.net() + " (" + report.describe() + ")");
            }
        }
        return evaluator.score(session, sets);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
