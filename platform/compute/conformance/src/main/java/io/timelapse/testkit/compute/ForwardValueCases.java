package io.timelapse.testkit.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.NotDifferentiableException;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Ops.Padding;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Values of the non-trivial operations against numbers worked out by hand or from their definitions. */
abstract class ForwardValueCases {

    private final ComputeService compute;

    ForwardValueCases(ComputeService compute) {
        this.compute = compute;
    }

    private double[] evaluate(Function<Ops, Tensor> build) {
        try (Graph graph = compute.newGraph(3);
             Session session = graph.newSession();
             Outputs out = session.run(Map.of(), List.of(build.apply(graph.ops())))) {
            return out.get(0).toDoubles();
        }
    }

    private static Tensor f64(Ops ops, double[] values, long... shape) {
        return ops.constant(HostTensor.fromDoubles(DType.F64, Shape.of(shape), values));
    }

    private static Tensor f32(Ops ops, float[] values, long... shape) {
        return ops.constant(HostTensor.of(values, shape));
    }

    @Test
    void geluIsTheExactErfForm() {
        // x·Φ(x) = x/2·(1 + erf(x/√2)); the tanh approximation differs in the 4th digit at x = −2 and 3.
        double[] gelu = evaluate(ops -> ops.gelu(f64(ops, new double[] {-2, -1, 0, 0.5, 1, 3}, 6)));
        assertArrayEquals(new double[] {-0.04550026389635842, -0.15865525393145707, 0, 0.34573123063700656,
            0.8413447460685429, 2.99595030590511}, gelu, 1e-15);
    }

    @Test
    void layerNormNormalisesScalesAndShifts() {
        double[] normalized = evaluate(ops -> ops.layerNorm(f64(ops, new double[] {1, 2, 3, 4, 11, 12, 13, 14}, 2, 4),
                f64(ops, new double[] {1, 2, 1, 2}, 4), f64(ops, new double[] {0, 0, 1, 1}, 4), 0, -1));
        double z1 = 1.5 / Math.sqrt(1.25);
        double z2 = 0.5 / Math.sqrt(1.25);
        assertArrayEquals(new double[] {-z1, -2 * z2, 1 + z2, 1 + 2 * z1, -z1, -2 * z2, 1 + z2, 1 + 2 * z1}, normalized, 1e-12);
    }

    @Test
    void layerNormEpsilonGuardsConstantRows() {
        double[] normalized = evaluate(ops -> ops.layerNorm(f64(ops, new double[] {1, 3}, 1, 2), null, null, 1e-2, -1));
        assertArrayEquals(new double[] {-1 / Math.sqrt(1.01), 1 / Math.sqrt(1.01)}, normalized, 1e-12);
    }

    @Test
    void logSumExpIsStableForHugeAndTinyInputs() {
        double[] huge = evaluate(ops -> ops.logSumExp(f32(ops, new float[] {1000, 1000, -1000, -1000}, 2, 2), false, -1));
        assertEquals(1000 + Math.log(2), huge[0], 1e-3);
        assertEquals(-1000 + Math.log(2), huge[1], 1e-3);
        double[] f64 = evaluate(ops -> ops.logSumExp(f64(ops, new double[] {700, 710, 705}, 3), true));
        assertEquals(710 + Math.log(1 + Math.exp(-10) + Math.exp(-5)), f64[0], 1e-12);
    }

    @Test
    void maskedSoftmaxGivesZerosForAFullyMaskedRow() {
        boolean[] mask = {true, false, true, false, false, false};
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            double[] probabilities = evaluate(ops -> ops.maskedSoftmax(
                    ops.cast(f64(ops, new double[] {1, 2, 3, 4, 5, 6}, 2, 3), dtype), ops.constant(HostTensor.of(mask, 2, 3)), -1));
            double e2 = Math.exp(2);
            assertArrayEquals(new double[] {1 / (1 + e2), 0, e2 / (1 + e2), 0, 0, 0}, probabilities, dtype == DType.F32 ? 1e-7 : 1e-15);
        }
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor x = ops.placeholder("x", DType.F32, Shape.of(2, 3));
            Tensor loss = ops.sum(ops.mul(ops.maskedSoftmax(x, ops.constant(HostTensor.of(mask, 2, 3)), -1),
                    f32(ops, new float[] {1, 2, 3, 4, 5, 6}, 2, 3)), false);
            Tensor gradient = graph.gradients(loss, List.of(x)).get(0);
            try (Session session = graph.newSession();
                 Outputs out = session.run(Map.of(x, HostTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)), List.of(gradient))) {
                float[] values = out.get(0).toFloats();
                assertArrayEquals(new float[] {0, 0, 0}, Arrays.copyOfRange(values, 3, 6), "a fully masked row has no gradient, and no NaN");
                assertEquals(0, values[1]);
                assertTrue(values[0] < 0 && values[2] > 0);
            }
        }
    }

    @Test
    void crossEntropies() {
        double[] sparse = evaluate(ops -> ops.sparseCrossEntropy(f64(ops, new double[] {1, 2, 3, 1, 2, 3}, 2, 3),
                ops.constant(HostTensor.of(new int[] {2, 0}, 2))));
        double logZ = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertArrayEquals(new double[] {logZ - 3, logZ - 1}, sparse, 1e-12);
        double[] longLabels = evaluate(ops -> ops.sparseCrossEntropy(f64(ops, new double[] {1, 2, 3, 3, 2, 1}, 1, 2, 3),
                ops.constant(HostTensor.of(new long[] {1, 1}, 1, 2))));
        assertArrayEquals(new double[] {logZ - 2, logZ - 2}, longLabels, 1e-12);
        double[] dense = evaluate(ops -> ops.crossEntropy(f64(ops, new double[] {1, 2, 3}, 1, 3), f64(ops, new double[] {0.5, 0, 0.5}, 1, 3)));
        assertArrayEquals(new double[] {logZ - 2}, dense, 1e-12);
        double[] sigmoid = evaluate(ops -> ops.sigmoidCrossEntropy(f32(ops, new float[] {100, -100, 0}, 3), f32(ops, new float[] {0, 1, 1}, 3)));
        assertArrayEquals(new double[] {100, 100, Math.log(2)}, sigmoid, 1e-5);
    }

    @Test
    void einsumContractions() {
        assertArrayEquals(new double[] {17, 53}, evaluate(ops -> ops.einsum("ij,ij->i", f64(ops, new double[] {1, 2, 3, 4}, 2, 2),
                f64(ops, new double[] {5, 6, 7, 8}, 2, 2))), 0);
        assertArrayEquals(new double[] {4, 6}, evaluate(ops -> ops.einsum("ijk->kj", f64(ops, new double[] {1, 2, 3, 4}, 2, 1, 2))), 0);
        // bhqd,bhkd->bhqk with b = h = 1: q·kᵀ
        assertArrayEquals(new double[] {1, 3, 2, 4}, evaluate(ops -> ops.einsum("bhqd,bhkd->bhqk",
                f64(ops, new double[] {1, 0, 0, 1}, 1, 1, 2, 2), f64(ops, new double[] {1, 2, 3, 4}, 1, 1, 2, 2))), 0);
    }

    private static final double[] THREE_BY_THREE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final double[] TWO_BY_TWO = {1, 2, 3, 4};

    @Test
    void conv2dByHand() {
        assertArrayEquals(new double[] {37, 47, 67, 77}, evaluate(ops -> ops.conv2d(f64(ops, THREE_BY_THREE, 1, 3, 3, 1),
                f64(ops, TWO_BY_TWO, 2, 2, 1, 1), new int[] {1, 1}, Padding.VALID, new int[] {1, 1})), 0);
        // SAME pads one row and column after: the last row and column see zeros.
        assertArrayEquals(new double[] {37, 47, 21, 67, 77, 33, 23, 26, 9}, evaluate(ops -> ops.conv2d(f64(ops, THREE_BY_THREE, 1, 3, 3, 1),
                f64(ops, TWO_BY_TWO, 2, 2, 1, 1), new int[] {1, 1}, Padding.SAME, new int[] {1, 1})), 0);
        // dilation 2: the taps land on the corners, 1·1 + 3·2 + 7·3 + 9·4
        assertArrayEquals(new double[] {64}, evaluate(ops -> ops.conv2d(f64(ops, THREE_BY_THREE, 1, 3, 3, 1),
                f64(ops, TWO_BY_TWO, 2, 2, 1, 1), new int[] {1, 1}, Padding.VALID, new int[] {2, 2})), 0);
        // depthwise: channel 0 sums its window, channel 1 takes the diagonal
        assertArrayEquals(new double[] {10, 50}, evaluate(ops -> ops.depthwiseConv2d(
                f64(ops, new double[] {1, 10, 2, 20, 3, 30, 4, 40}, 1, 2, 2, 2),
                f64(ops, new double[] {1, 1, 1, 0, 1, 0, 1, 1}, 2, 2, 2, 1), new int[] {1, 1}, Padding.VALID)), 0);
    }

    @Test
    void poolingByHand() {
        double[] sixteen = new double[16];
        for (int i = 0; i < 16; i++) {
            sixteen[i] = i;
        }
        assertArrayEquals(new double[] {5, 7, 13, 15}, evaluate(ops -> ops.maxPool(f64(ops, sixteen, 1, 4, 4, 1),
                new int[] {2, 2}, new int[] {2, 2}, Padding.VALID)), 0);
        assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5}, evaluate(ops -> ops.avgPool(f64(ops, sixteen, 1, 4, 4, 1),
                new int[] {2, 2}, new int[] {2, 2}, Padding.VALID)), 0);
        // SAME averages only the real elements of the partial windows
        assertArrayEquals(new double[] {3, 4.5, 7.5, 9}, evaluate(ops -> ops.avgPool(f64(ops, THREE_BY_THREE, 1, 3, 3, 1),
                new int[] {2, 2}, new int[] {2, 2}, Padding.SAME)), 0);
    }

    @Test
    void stopGradientPassesValuesButNoGradient() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor x = ops.placeholder("x", DType.F64, Shape.of(3));
            Tensor stopped = ops.stopGradient(x);
            List<Tensor> gradients = graph.gradients(ops.sum(ops.mul(stopped, x), false), List.of(x));
            Tensor blocked = graph.gradients(ops.sum(ops.square(stopped), false), List.of(x)).get(0);
            try (Session session = graph.newSession();
                 Outputs out = session.run(Map.of(x, HostTensor.of(new double[] {1, -2, 3})), List.of(stopped, gradients.get(0), blocked))) {
                assertArrayEquals(new double[] {1, -2, 3}, out.get(0).toDoubles(), 0);
                assertArrayEquals(new double[] {1, -2, 3}, out.get(1).toDoubles(), 0, "d(sg(x)·x)/dx = sg(x)");
                assertArrayEquals(new double[] {0, 0, 0}, out.get(2).toDoubles(), 0, "only stop-gradient on the path: zero");
            }
        }
    }

    @Test
    void vectorJacobianProductsSumOverTheOutputs() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor x = ops.placeholder("x", DType.F64, Shape.of(3));
            Tensor unrelated = ops.placeholder("unrelated", DType.F64, Shape.of(2));
            Tensor square = ops.mul(x, x);
            Tensor tripled = ops.mul(ops.scalar(3, DType.F64), x);
            Tensor stoppedOnly = ops.mul(ops.stopGradient(unrelated), ops.scalar(2, DType.F64));
            Tensor dSquare = ops.constant(HostTensor.of(new double[] {1, 2, 3}, 3));
            Tensor dTripled = ops.constant(HostTensor.of(new double[] {1, 1, 1}, 3));
            Tensor dStopped = ops.constant(HostTensor.of(new double[] {1, 1}, 2));
            List<Tensor> products = graph.gradients(List.of(square, tripled, stoppedOnly), List.of(dSquare, dTripled, dStopped),
                    List.of(x, unrelated));
            Tensor identity = graph.gradients(List.of(x), List.of(dSquare), List.of(x)).get(0);
            Tensor nested = graph.gradients(List.of(square, ops.mul(square, x)), List.of(dSquare, dTripled), List.of(x)).get(0);
            try (Session session = graph.newSession();
                 Outputs out = session.run(Map.of(x, HostTensor.of(new double[] {1, -2, 3}), unrelated, HostTensor.of(new double[] {4, 5})),
                         List.of(products.get(0), products.get(1), identity, nested))) {
                assertArrayEquals(new double[] {5, -5, 21}, out.get(0).toDoubles(), 0, "2x·dy₁ + 3·dy₂");
                assertArrayEquals(new double[] {0, 0}, out.get(1).toDoubles(), 0, "reached only through a stop-gradient: zero");
                assertArrayEquals(new double[] {1, 2, 3}, out.get(2).toDoubles(), 0, "an x that is a y gets its dy");
                assertArrayEquals(new double[] {5, 4, 45}, out.get(3).toDoubles(), 0, "2x·dy₁ + 3x²·dy₂: y₂ = x³ is computed from y₁ = x²");
            }
            Tensor rounded = ops.cast(ops.cast(x, DType.I32), DType.F64);
            assertThrows(NotDifferentiableException.class, () -> graph.gradients(List.of(rounded), List.of(dSquare), List.of(x)));
            assertThrows(IllegalArgumentException.class, () -> graph.gradients(List.of(square), List.of(dStopped), List.of(x)));
            assertThrows(IllegalArgumentException.class, () -> graph.gradients(List.of(square, tripled), List.of(dSquare), List.of(x)));
        }
    }

    @Test
    void integerPathsAreNotDifferentiable() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor x = ops.placeholder("x", DType.F32, Shape.of(2, 3));
            Tensor roundTrip = ops.sum(ops.cast(ops.cast(x, DType.I32), DType.F32), false);
            NotDifferentiableException cast = assertThrows(NotDifferentiableException.class, () -> graph.gradients(roundTrip, List.of(x)));
            assertTrue(OperationNames.names(cast.getMessage(), "cast") && cast.getMessage().contains("x"), cast.getMessage());
            Tensor picked = ops.sum(ops.cast(ops.gather(ops.constant(HostTensor.of(new int[] {5, 6, 7}, 3)), ops.argmax(x, -1), 0), DType.F32), false);
            NotDifferentiableException argmax = assertThrows(NotDifferentiableException.class, () -> graph.gradients(picked, List.of(x)));
            assertTrue(OperationNames.names(argmax.getMessage(), "argmax"), argmax.getMessage());
            Tensor unrelated = ops.sum(ops.ones(Shape.of(2), DType.F32), false);
            NotDifferentiableException independent = assertThrows(NotDifferentiableException.class, () -> graph.gradients(unrelated, List.of(x)));
            assertTrue(independent.getMessage().contains("does not depend on x"), independent.getMessage());
            Tensor labels = ops.placeholder("labels", DType.I32, Shape.of(2));
            assertThrows(NotDifferentiableException.class, () -> graph.gradients(ops.sum(ops.cast(labels, DType.F32), false), List.of(labels)));
        }
    }

    @Test
    void embeddingLookupsAndSparseCrossEntropyAvoidOpsWithoutGradients() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Variable table = ops.variable("embedding", DType.F64, Shape.of(4, 2),
                    Initializer.of(HostTensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2)));
            Tensor ids = ops.constant(HostTensor.of(new int[] {3, 1, 3}, 3));
            Tensor logits = ops.gather(table, ids, 0);
            Tensor loss = ops.sum(ops.sparseCrossEntropy(logits, ops.constant(HostTensor.of(new int[] {0, 1, 1}, 3))), false);
            Tensor gradient = graph.gradients(loss, List.of(table)).get(0);
            try (Session session = graph.newSession()) {
                session.initialize();
                try (Outputs out = session.run(Map.of(), List.of(gradient))) {
                    // softmax of a row [a, a + 1] is [1 − σ, σ] with σ = sigmoid(1); the gradient is that minus the one-hot
                    // label, summed per row: row 1 once (label 1), row 3 twice (labels 0 and 1)
                    double sigma = 1 / (1 + Math.exp(-1));
                    double[] expected = {0, 0, 1 - sigma, sigma - 1, 0, 0, 1 - 2 * sigma, 2 * sigma - 1};
                    assertArrayEquals(expected, out.get(0).toDoubles(), 1e-12);
                }
            }
        }
    }
}
