package io.timelapse.lib.nn;

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
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forward values of the layers against numpy (float64) references in {@code layers.npz}; see the README there. */
class LayersTest {

    private static Map<String, HostTensor> reference;
    private static Graph graph;

    @BeforeAll
    static void load() throws IOException {
        reference = TestCompute.npz(LayersTest.class, "layers.npz");
        graph = TestCompute.SERVICE.newGraph(7);
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    private static HostTensor ref(String name) {
        return reference.get(name);
    }

    /** Runs {@code y} after loading {@code weights} into {@code module}, which must then be exactly loaded. */
    private static double[] run(Module module, Map<String, HostTensor> weights, Tensor y) {
        try (Session session = graph.newSession()) {
            session.initialize();
            LoadReport report = StateDict.load(session, module.state(), weights, "layers.npz", false);
            report.requireExact();
            try (Outputs out = session.run(Map.of(), List.of(y))) {
                return out.get(0).toDoubles();
            }
        }
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": element count");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= tolerance, what + ": max |difference| " + worst + " > " + tolerance);
    }

    @Test
    void linearIsXTimesWeightTransposedPlusBias() {
        Ops ops = graph.ops().scope("linear");
        Linear linear = new Linear(ops, 5, 4, true, DType.F64);
        assertEquals(Shape.of(4, 5), linear.weight().shape());
        Tensor y = linear.apply(ops.constant(ref("linear_x")));
        assertEquals(Shape.of(2, 3, 4), y.shape());
        double[] actual = run(linear, Map.of("linear.weight", ref("linear_weight"), "linear.bias", ref("linear_bias")), y);
        assertClose(ref("linear_y").toDoubles(), actual, 1e-12, "linear");
    }

    @Test
    void layerNormUsesBiasedVarianceAndEpsInsideTheRoot() {
        Ops ops = graph.ops().scope("ln");
        LayerNorm norm = new LayerNorm(ops, 6, DType.F64);
        double[] actual = run(norm, Map.of("ln.weight", ref("ln_weight"), "ln.bias", ref("ln_bias")),
                norm.apply(ops.constant(ref("ln_x"))));
        assertClose(ref("ln_y").toDoubles(), actual, 1e-12, "layer norm");
    }

    @Test
    void mlpIsFc2OfGeluOfFc1() {
        Ops ops = graph.ops().scope("mlp");
        Mlp mlp = new Mlp(ops, 5, 7, Activation.GELU, DType.F64);
        Map<String, HostTensor> weights = Map.of("mlp.fc1.weight", ref("mlp_fc1_weight"), "mlp.fc1.bias", ref("mlp_fc1_bias"),
                "mlp.fc2.weight", ref("mlp_fc2_weight"), "mlp.fc2.bias", ref("mlp_fc2_bias"));
        assertClose(ref("mlp_y").toDoubles(), run(mlp, weights, mlp.apply(ops.constant(ref("mlp_x")))), 1e-12, "mlp");
    }

    @Test
    void attentionWithRotaryCausalAndPaddingMasks() {
        Ops ops = graph.ops().scope("attn");
        MultiHeadAttention.Config config = new MultiHeadAttention.Config(16, 2, AttentionProjections.separate(), true, 0.5, 10000);
        MultiHeadAttention attention = new MultiHeadAttention(ops, config, DType.F64);
        assertEquals(List.of("attn.q_proj.weight", "attn.q_proj.bias", "attn.k_proj.weight", "attn.k_proj.bias",
                "attn.v_proj.weight", "attn.v_proj.bias", "attn.out_proj.weight", "attn.out_proj.bias"),
                List.copyOf(attention.parameters().keySet()));
        Tensor y = attention.apply(ops.constant(ref("attn_x")), AttentionMask.causal(ops.constant(ref("attn_padding"))));
        Map<String, HostTensor> weights = new java.util.HashMap<>();
        for (String[] names : new String[][] {{"q", "q_proj"}, {"k", "k_proj"}, {"v", "v_proj"}, {"o", "out_proj"}}) {
            weights.put("attn." + names[1] + ".weight", ref("attn_" + names[0] + "_weight"));
            weights.put("attn." + names[1] + ".bias", ref("attn_" + names[0] + "_bias"));
        }
        assertClose(ref("attn_y").toDoubles(), run(attention, weights, y), 1e-12, "attention");
    }

    @Test
    void conv2dTakesPyTorchWeightsWithStridePaddingAndDilation() {
        Ops ops = graph.ops().scope("conv");
        Conv2d conv = new Conv2d(ops, 3, 4, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 2}, true, DType.F64);
        assertEquals(Shape.of(4, 3, 3, 2), conv.weight().shape());
        Tensor y = conv.apply(ops.constant(ref("conv_x")));
        assertEquals(Shape.of(2, 4, 6, 4), y.shape());
        double[] actual = run(conv, Map.of("conv.weight", ref("conv_weight"), "conv.bias", ref("conv_bias")), y);
        assertClose(ref("conv_y").toDoubles(), actual, 1e-12, "conv2d");
    }

    @Test
    void poolingPadsLikePyTorch() {
        Ops ops = graph.ops().scope("pool");
        Tensor x = ops.constant(ref("pool_x"));
        Tensor max = new MaxPool2d(3, 2, 1).apply(ops, x);
        Tensor avg = new AvgPool2d(3, 2, 1).apply(ops, x);
        try (Session session = graph.newSession(); Outputs out = session.run(Map.of(), List.of(max, avg))) {
            assertClose(ref("maxpool_y").toDoubles(), out.get(0).toDoubles(), 1e-15, "max pool");
            assertClose(ref("avgpool_y").toDoubles(), out.get(1).toDoubles(), 1e-12, "avg pool");
        }
    }

    @Test
    void embeddingPicksRows() {
        Ops ops = graph.ops().scope("embed");
        Embedding embedding = new Embedding(ops, 4, 3, DType.F32);
        Tensor rows = embedding.apply(ops.constant(HostTensor.of(new int[] {3, 0, 3}, 3)));
        try (Session session = graph.newSession()) {
            session.initialize();
            StateDict.load(session, embedding.state(), Map.of("embed.weight",
                    HostTensor.of(new float[] {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32}, 4, 3)), "table", false).requireExact();
            try (Outputs out = session.run(Map.of(), List.of(rows))) {
                assertEquals(Shape.of(3, 3), out.get(0).shape());
                org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {30, 31, 32, 0, 1, 2, 30, 31, 32}, out.get(0).toFloats());
            }
        }
    }

    @Test
    void dropoutIsSeededByStepAndScope() {
        Ops ops = graph.ops().scope("drop");
        Tensor step = ops.placeholder("step", DType.I64, Shape.scalar());
        Tensor x = ops.ones(Shape.of(1000), DType.F32);
        Tensor a = new Dropout(ops.scope("a"), 0.25).apply(x, step, true);
        Tensor b = new Dropout(ops.scope("b"), 0.25).apply(x, step, true);
        assertEquals(x, new Dropout(ops.scope("c"), 0.25).apply(x, step, false), "no dropout outside training");
        try (Session session = graph.newSession()) {
            float[] a1;
            float[] b1;
            float[] a2;
            float[] a1Again;
            try (Outputs out = session.run(Map.of(step, HostTensor.scalar(1L)), List.of(a, b))) {
                a1 = out.get(0).toFloats();
                b1 = out.get(1).toFloats();
            }
            try (Outputs out = session.run(Map.of(step, HostTensor.scalar(2L)), List.of(a))) {
                a2 = out.get(0).toFloats();
            }
            try (Outputs out = session.run(Map.of(step, HostTensor.scalar(1L)), List.of(a))) {
                a1Again = out.get(0).toFloats();
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(a1, a1Again, "same step, same mask");
            assertTrue(!java.util.Arrays.equals(a1, a2), "another step, another mask");
            assertTrue(!java.util.Arrays.equals(a1, b1), "another layer, another mask");
            int kept = 0;
            for (float value : a1) {
                assertTrue(value == 0 || Math.abs(value - 1 / 0.75f) < 1e-6, "kept values are scaled by 1/(1-rate): " + value);
                kept += value == 0 ? 0 : 1;
            }
            assertTrue(kept > 700 && kept < 800, "about 75% kept: " + kept);
        }
    }
}
