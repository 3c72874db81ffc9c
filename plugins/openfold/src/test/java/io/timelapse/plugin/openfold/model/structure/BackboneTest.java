package io.timelapse.plugin.openfold.model.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The structure module's backbone iteration: two updates with the rotation gradient stopped in between,
 * as {@link StructureModule} chains them. The second frames depend on the first update through the
 * translation only.
 */
class BackboneTest {

    private static final double[] FIRST = {0.3, -0.2, 0.5, 1.0, -2.0, 0.5, -0.4, 0.1, 0.2, 0.3, 0.7, -1.5};
    private static final double[] SECOND = {0.1, 0.4, -0.3, 2.0, 0.5, -1.0, 0.2, -0.6, 0.1, -0.8, 1.2, 0.4};

    @Test
    void theRotationGradientStopsBetweenIterationsAndTheTranslationsDoesNot() {
        double[][] stopped = gradients(Backbone::stopRotationGradient);
        for (int i = 0; i < FIRST.length; i++) {
            assertEquals(0, stopped[0][i], "rotation of the second frames w.r.t. update 1, element " + i);
            if (i % 6 < 3) {
                assertEquals(0, stopped[1][i], "translation of the second frames w.r.t. the rotation part of update 1, element " + i);
            }
        }
        assertTrue(maxAbs(stopped[1]) > 0.1, "the translation keeps its gradient");
        double[][] kept = gradients(UnaryOperator.identity());
        assertTrue(maxAbs(kept[0]) > 0.1, "without the stop the rotation depends on update 1");
    }

    @Test
    void theFirstUpdateOfIdentityFramesIsTheNormalisedQuaternionAndTheTranslation() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor update = ops.constant(HostTensor.of(new double[] {1, 0, 0, 3, -2, 5}, 1, 6));
            Backbone backbone = Backbone.identity(ops, ops.ones(Shape.of(1), DType.F64)).update(update);
            Frames angstrom = backbone.frames().scaleTranslation(10);
            try (Session session = graph.newSession(); Outputs out = session.run(Map.of(), List.of(backbone.quaternion(), angstrom.translation()))) {
                double h = Math.sqrt(0.5);
                assertClose(new double[] {h, h, 0, 0}, out.get(0).toDoubles());
                assertClose(new double[] {30, -20, 50}, out.get(1).toDoubles());
            }
        }
    }

    /** d(Σ w·q₂)/d(updates 1) and d(Σ w·t₂)/d(updates 1), the frames chained through {@code between}. */
    private static double[][] gradients(UnaryOperator<Backbone> between) {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor first = ops.placeholder("first", DType.F64, Shape.of(2, 6));
            Tensor second = ops.constant(HostTensor.of(SECOND, 2, 6));
            Backbone start = Backbone.identity(ops, ops.ones(Shape.of(2), DType.F64));
            Backbone end = between.apply(start.update(first)).update(second);
            Tensor rotationLoss = ops.sum(ops.mul(end.quaternion(), ops.constant(HostTensor.of(new double[] {1, 2, 3, 4}, 4))), false, 0, 1);
            Tensor translationLoss = ops.sum(ops.mul(end.frames().translation(), ops.constant(HostTensor.of(new double[] {1, -2, 3}, 3))),
                    false, 0, 1);
            Tensor rotationGradient = graph.gradients(rotationLoss, List.of(first)).get(0);
            Tensor translationGradient = graph.gradients(translationLoss, List.of(first)).get(0);
            try (Session session = graph.newSession();
                    Outputs out = session.run(Map.of(first, HostTensor.of(FIRST, 2, 6)), List.of(rotationGradient, translationGradient))) {
                return new double[][] {out.get(0).toDoubles(), out.get(1).toDoubles()};
            }
        }
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12, "element " + i);
        }
    }
}
