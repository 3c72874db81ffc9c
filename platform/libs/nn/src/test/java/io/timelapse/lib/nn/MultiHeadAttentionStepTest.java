package io.timelapse.lib.nn;

import static io.timelapse.lib.nn.LayersTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MultiHeadAttention#step} against a read-only prefix and a fixed window whose later slots
 * hold stale values: the same outputs as causal attention over the whole sequence, and only its own
 * slot written.
 */
class MultiHeadAttentionStepTest {

    private static final int BATCH = 2;
    private static final int HIDDEN = 32;
    private static final int HEADS = 4;
    private static final int HEAD_DIM = HIDDEN / HEADS;
    private static final int PREFIX = 5;
    private static final int WINDOW = 4;
    private static final int TOKENS = PREFIX + WINDOW;

    @Test
    void stepsAgreeWithFullAttentionAndWriteOnlyTheirSlot() {
        SplittableRandom random = new SplittableRandom(7);
        double[] inputs = random.doubles((long) BATCH * TOKENS * HIDDEN, -1, 1).toArray();
        try (Graph graph = TestCompute.SERVICE.newGraph(5)) {
            Ops ops = graph.ops();
            MultiHeadAttention attention = new MultiHeadAttention(ops.scope("attention"),
                    MultiHeadAttention.Config.gptNeoX(HIDDEN, HEADS, 0.5, 10000), DType.F32);
            Tensor x = ops.placeholder("x", DType.F32, Shape.of(BATCH, Shape.UNKNOWN_DIM, HIDDEN));
            MultiHeadAttention.Result full = attention.apply(x, AttentionMask.causalOnly(), null, null);

            Tensor token = ops.placeholder("token", DType.F32, Shape.of(BATCH, 1, HIDDEN));
            Tensor position = ops.placeholder("position", DType.I32, Shape.scalar());
            Shape prefixShape = Shape.of(BATCH, HEADS, PREFIX, HEAD_DIM);
            Shape windowShape = Shape.of(BATCH, HEADS, WINDOW, HEAD_DIM);
            MultiHeadAttention.KeyValues prefix = new MultiHeadAttention.KeyValues(ops.placeholder("pk", DType.F32, prefixShape),
                    ops.placeholder("pv", DType.F32, prefixShape));
            MultiHeadAttention.KeyValues window = new MultiHeadAttention.KeyValues(ops.placeholder("wk", DType.F32, windowShape),
                    ops.placeholder("wv", DType.F32, windowShape));
            List<String> projected = new ArrayList<>();
            MultiHeadAttention.Result step = attention.step(token, position, prefix, window, (layer, in) -> {
                projected.add(layer.name());
                return layer.apply(in);
            });
            assertEquals(List.of("attention.query_key_value", "attention.dense"), projected);

            try (Session session = graph.newSession()) {
                session.initialize();
                double[] expected;
                HostTensor prefixKeys;
                HostTensor prefixValues;
                try (Outputs out = session.run(Map.of(x, HostTensor.of(toFloats(inputs), BATCH, TOKENS, HIDDEN)),
                        List.of(ops.cast(full.output(), DType.F64)))) {
                    expected = out.get(0).toDoubles();
                }
                try (Outputs out = session.run(Map.of(x, HostTensor.of(toFloats(rows(inputs, 0, PREFIX)), BATCH, PREFIX, HIDDEN)),
                        List.of(full.present().keys(), full.present().values()))) {
                    prefixKeys = out.get(0).copy();
                    prefixValues = out.get(1).copy();
                }
                // Stale values in the slots not yet written, as a reused window holds them.
                float[] staleKeys = toFloats(random.doubles((long) BATCH * HEADS * WINDOW * HEAD_DIM, -50, 50).toArray());
                float[] staleValues = toFloats(random.doubles((long) BATCH * HEADS * WINDOW * HEAD_DIM, -50, 50).toArray());
                HostTensor windowKeys = HostTensor.of(staleKeys, windowShape.dims());
                HostTensor windowValues = HostTensor.of(staleValues, windowShape.dims());
                for (int t = PREFIX; t < TOKENS; t++) {
                    Map<Tensor, HostTensor> feeds = Map.of(token, HostTensor.of(toFloats(rows(inputs, t, t + 1)), BATCH, 1, HIDDEN),
                            position, HostTensor.scalar(t), prefix.keys(), prefixKeys, prefix.values(), prefixValues,
                            window.keys(), windowKeys, window.values(), windowValues);
                    float[] before = windowKeys.toFloats();
                    try (Outputs out = session.run(feeds, List.of(ops.cast(step.output(), DType.F64), step.present().keys(), step.present().values()))) {
                        assertClose(rows(expected, t, t + 1), out.get(0).toDoubles(), 1e-5, "output at position " + t);
                        windowKeys = out.get(1).copy();
                        windowValues = out.get(2).copy();
                    }
                    assertOnlySlotChanged(before, windowKeys.toFloats(), t - PREFIX);
                }
            }
        }
    }

    private static void assertOnlySlotChanged(float[] before, float[] after, int slot) {
        for (int i = 0; i < before.length; i++) {
            int s = i / HEAD_DIM % WINDOW;
            if (s != slot) {
                assertEquals(before[i], after[i], "window slot " + s + " is not this step's and must keep its value");
            }
        }
    }

    /** Positions {@code [from, to)} of every row of {@code [BATCH, TOKENS, HIDDEN]} values. */
    private static double[] rows(double[] values, int from, int to) {
        double[] part = new double[BATCH * (to - from) * HIDDEN];
        for (int b = 0; b < BATCH; b++) {
            System.arraycopy(values, (b * TOKENS + from) * HIDDEN, part, b * (to - from) * HIDDEN, (to - from) * HIDDEN);
        }
        return part;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
