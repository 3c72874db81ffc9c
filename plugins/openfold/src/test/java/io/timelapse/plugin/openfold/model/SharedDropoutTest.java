package io.timelapse.plugin.openfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.SharedDropout.Sharing;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One mask broadcast along the shared axis, OpenFold's inverted scaling, and nothing in evaluation. */
class SharedDropoutTest {

    private static final int A = 6;
    private static final int B = 40;
    private static final int C = 50;

    @Test
    void rowwiseSharesOneMaskAcrossRows() {
        double[][][] y = run(Sharing.ROWWISE, 0.25, 3);
        for (int a = 1; a < A; a++) {
            for (int b = 0; b < B; b++) {
                for (int c = 0; c < C; c++) {
                    assertEquals(y[0][b][c], y[a][b][c], "row " + a + " has row 0's mask");
                }
            }
        }
        assertScaledAndDropped(y, 0.25);
    }

    @Test
    void columnwiseSharesOneMaskAcrossColumns() {
        double[][][] y = run(Sharing.COLUMNWISE, 0.25, 3);
        for (int a = 0; a < A; a++) {
            for (int b = 1; b < B; b++) {
                for (int c = 0; c < C; c++) {
                    assertEquals(y[a][0][c], y[a][b][c], "column " + b + " has column 0's mask");
                }
            }
        }
        assertScaledAndDropped(y, 0.25);
    }

    @Test
    void theMaskIsAFunctionOfTheStep() {
        assertEquals(flat(run(Sharing.ROWWISE, 0.15, 7)), flat(run(Sharing.ROWWISE, 0.15, 7)));
        assertNotEquals(flat(run(Sharing.ROWWISE, 0.15, 7)), flat(run(Sharing.ROWWISE, 0.15, 8)));
    }

    @Test
    void evaluationReturnsTheInput() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor x = ops.ones(Shape.of(A, B, C), DType.F32);
            assertSame(x, new SharedDropout(ops.scope("d"), 0.25, Sharing.ROWWISE).apply(x, ops.constant(HostTensor.scalar(1L)), false));
        }
    }

    /** Dropout of ones [A, B, C] in float64: each value 0 or 1/(1 − rate). */
    private static double[][][] run(Sharing sharing, double rate, long step) {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor y = new SharedDropout(ops.scope("evoformer.blocks.0.msa_dropout"), rate, sharing)
                    .apply(ops.ones(Shape.of(A, B, C), DType.F64), ops.constant(HostTensor.scalar(step)), true);
            try (Session session = graph.newSession()) {
                session.initialize();
                double[] values = session.run(Map.of(), List.of(y)).get(0).toDoubles();
                double[][][] out = new double[A][B][C];
                for (int i = 0; i < values.length; i++) {
                    out[i / (B * C)][i / C % B][i % C] = values[i];
                }
                return out;
            }
        }
    }

    private static void assertScaledAndDropped(double[][][] y, double rate) {
        int zeros = 0;
        double[] values = flat(y).stream().mapToDouble(Double::doubleValue).toArray();
        for (double v : values) {
            assertTrue(v == 0 || Math.abs(v - 1 / (1 - rate)) < 1e-12, "a kept value is scaled by 1/(1 - rate): " + v);
            zeros += v == 0 ? 1 : 0;
        }
        double fraction = (double) zeros / values.length;
        assertTrue(Math.abs(fraction - rate) < 0.06, "dropped fraction " + fraction);
    }

    private static List<Double> flat(double[][][] y) {
        return Arrays.stream(y).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).boxed().toList();
    }
}
