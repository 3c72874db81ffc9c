package io.timelapse.plugin.dsb.probing;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.dsb.model.ImageClassifier;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scores the classifier's current weights on probe sets, in batches of up to {@code batchSize} images, the last one
 * partial: the sum of the per-image cross-entropies (added up in float64) and the number of images whose arg-max
 * logit is their label. Sets are {@link #prepare prepared} once into input tensors and scored at every checkpoint.
 */
public final class ProbeEvaluator {

    /** Images per evaluation batch by default: large, so the matrix products run at full rate. */
    public static final int DEFAULT_BATCH = 1024;

    private final ImageShape shape;
    private final int batchSize;
    private final Tensor images;
    private final Tensor labels;
    private final Tensor lossSum;
    private final Tensor correct;

    /** A set cut into the feeds of its batches. */
    public record PreparedSet(String name, int count, List<Map<Tensor, HostTensor>> batches) {}

    /** Adds the evaluation of {@code model} to {@code graph}; build it before the graph's session. */
    public ProbeEvaluator(Graph graph, ImageClassifier model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluation batch size must be at least 1, got " + batchSize);
        }
        this.shape = model.shape();
        this.batchSize = batchSize;
        Ops ops = graph.ops().scope("probe");
        this.images = ops.placeholder("images", DType.F32, Shape.of(Shape.UNKNOWN_DIM, shape.dimension()));
        this.labels = ops.placeholder("labels", DType.I64, Shape.of(Shape.UNKNOWN_DIM));
        Tensor logits = model.logits(images, false);
        this.lossSum = ops.sum(ops.cast(ops.sparseCrossEntropy(logits, labels), DType.F64), false, 0);
        this.correct = ops.sum(ops.cast(ops.equal(ops.argmax(logits, 1), labels), DType.I64), false, 0);
    }

    /** The feeds of every batch of {@code set}, which must hold images of the model's shape and labels of its classes. */
    public PreparedSet prepare(ProbeSet set) {
        if (set.channels() != shape.channels() || set.height() != shape.height() || set.width() != shape.width()) {
            throw new IllegalArgumentException("probe set " + set.name() + " holds " + set.channels() + "x" + set.height() + "x"
                + set.width() + " images but the model takes " + shape.channels() + "x" + shape.height() + "x" + shape.width());
        }
        for (int label : set.labels()) {
            if (label < 0 || label >= shape.classes()) {
                throw new IllegalArgumentException("probe set " + set.name() + " has label " + label + ", outside the model's "
                    + shape.classes() + " classes");
            }
        }
        int d = set.dimension();
        List<Map<Tensor, HostTensor>> batches = new ArrayList<>();
        for (int start = 0; start < set.count(); start += batchSize) {
            int n = Math.min(batchSize, set.count() - start);
            float[] x = Arrays.copyOfRange(set.pixels(), start * d, (start + n) * d);
            long[] y = new long[n];
            for (int i = 0; i < n; i++) {
                y[i] = set.labels()[start + i];
            }
            batches.add(Map.of(images, HostTensor.of(x, n, d), labels, HostTensor.of(y, n)));
        }
        return new PreparedSet(set.name(), set.count(), List.copyOf(batches));
    }

    /** The score of the weights {@code session} holds on a prepared set. */
    public ProbeScore score(Session session, PreparedSet set) {
        double loss = 0;
        long right = 0;
        for (Map<Tensor, HostTensor> feeds : set.batches()) {
            try (Outputs out = session.run(feeds, List.of(lossSum, correct))) {
                loss += out.get(0).scalarValue();
                right += out.get(1).getLong(0);
            }
        }
        return new ProbeScore(set.name(), set.count(), loss / set.count(), (double) right / set.count());
    }

    /** The scores of the weights {@code session} holds on every prepared set, in order. */
    public List<ProbeScore> score(Session session, List<PreparedSet> sets) {
        List<ProbeScore> scores = new ArrayList<>();
        for (PreparedSet set : sets) {
            scores.add(score(session, set));
        }
        return scores;
    }
}
