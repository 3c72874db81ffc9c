package io.timelapse.plugin.dsb.probing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Session;
import io.timelapse.plugin.dsb.cli.TestCompute;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.model.MlpClassifier;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import org.junit.jupiter.api.Test;

/** The evaluator's loss and accuracy on a tiny MLP and set equal the same sums done by hand in double. */
class ProbeEvaluatorTest {

    private static final ImageShape SHAPE = new ImageShape(1, 1, 2, 3);

    @Test
    void lossAndAccuracyEqualAHandComputationOverEveryImageIncludingALastPartialBatch() {
        float[] pixels = {0.1f, 0.9f, 0.8f, 0.2f, -1.5f, 2.0f, 3.0f, 3.0f, 0.5f, -0.25f};
        int[] labels = {0, 1, 2, 1, 0};
        ProbeSet set = new ProbeSet("toy", 1, 1, 2, pixels, labels);
        try (Graph graph = TestCompute.COMPUTE.newGraph(3)) {
            MlpClassifier model = new MlpClassifier(graph.ops(), SHAPE);
            ProbeEvaluator evaluator = new ProbeEvaluator(graph, model, 2);
            try (Session session = graph.newSession()) {
                session.initialize();
                ProbeScore score = evaluator.score(session, evaluator.prepare(set));
                float[] w1 = session.read(model.parameters().get("fc1.weight")).toFloats();
                float[] b1 = session.read(model.parameters().get("fc1.bias")).toFloats();
                float[] w2 = session.read(model.parameters().get("fc2.weight")).toFloats();
                float[] b2 = session.read(model.parameters().get("fc2.bias")).toFloats();
                double loss = 0;
                int right = 0;
                for (int i = 0; i < labels.length; i++) {
                    double[] logits = new double[3];
                    for (int k = 0; k < 3; k++) {
                        logits[k] = b2[k];
                    }
                    for (int j = 0; j < MlpClassifier.HIDDEN; j++) {
                        double h = Math.max(0, b1[j] + w1[2 * j] * pixels[2 * i] + w1[2 * j + 1] * pixels[2 * i + 1]);
                        for (int k = 0; k < 3; k++) {
                            logits[k] += w2[k * MlpClassifier.HIDDEN + j] * h;
                        }
                    }
                    double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
                    double sum = 0;
                    int best = 0;
                    for (int k = 0; k < 3; k++) {
                        sum += Math.exp(logits[k] - max);
                        best = logits[k] > logits[best] ? k : best;
                    }
                    loss += max + Math.log(sum) - logits[labels[i]];
                    right += best == labels[i] ? 1 : 0;
                }
                assertEquals(5, score.scored());
                assertEquals(loss / 5, score.loss(), 1e-6);
                assertEquals(right / 5.0, score.accuracy(), 0);
                assertTrue(score.loss() > 0.5, "an untrained 3-class model is near log 3: " + score.loss());
            }
        }
    }

    @Test
    void aSetOfAnotherShapeOrWithLabelsBeyondTheClassesIsRefused() {
        try (Graph graph = TestCompute.COMPUTE.newGraph(3)) {
            ProbeEvaluator evaluator = new ProbeEvaluator(graph, new MlpClassifier(graph.ops(), SHAPE), 2);
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> evaluator.prepare(new ProbeSet("wide", 1, 1, 3, new float[3], new int[] {0})));
            assertEquals("probe set wide holds 1x1x3 images but the model takes 1x1x2", shape.getMessage());
            IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> evaluator.prepare(new ProbeSet("many", 1, 1, 2, new float[2], new int[] {3})));
            assertEquals("probe set many has label 3, outside the model's 3 classes", label.getMessage());
        }
    }

}
