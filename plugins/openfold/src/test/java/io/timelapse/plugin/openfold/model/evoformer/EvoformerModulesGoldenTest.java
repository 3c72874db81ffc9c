package io.timelapse.plugin.openfold.model.evoformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Evoformer modules against OpenFold's own outputs (float64, rounded to float32) with OpenFold's
 * weights loaded by their state-dict names, in float32.
 */
class EvoformerModulesGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;

    @Test
    void triangleMultiplicationOutgoingEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("tri_mul_outgoing");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new TriangleMultiplicativeUpdate(ops, TriangleMultiplicativeUpdate.Direction.OUTGOING,
                    fixture.intArg("c_z"), fixture.intArg("c_hidden_mul"), DType.F32);
            Tensor z = fixture.placeholder(ops, "z");
            Tensor mask = fixture.placeholder(ops, "pair_mask");
            try (Session session = fixture.session(graph, module)) {
                HostTensor out = run(session, Map.of(z, fixture.value("z"), mask, fixture.value("pair_mask")), module.apply(z, mask));
                fixture.assertOutput("z_update", out);
            }
        }
    }

    @Test
    void triangleAttentionStartingNodeEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("tri_att_start");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = triangleAttention(ops, fixture, TriangleAttention.Node.STARTING);
            Tensor z = fixture.placeholder(ops, "z");
            Tensor mask = fixture.placeholder(ops, "pair_mask");
            try (Session session = fixture.session(graph, module)) {
                HostTensor out = run(session, Map.of(z, fixture.value("z"), mask, fixture.value("pair_mask")), module.apply(z, mask));
                fixture.assertOutput("z_update", out);
            }
        }
    }

    @Test
    void outerProductMeanEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("outer_product_mean");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new OuterProductMean(ops, fixture.intArg("c_m"), fixture.intArg("c_z"), fixture.intArg("c_hidden"),
                    fixture.doubleArg("eps"), DType.F32);
            Tensor m = fixture.placeholder(ops, "m");
            Tensor mask = fixture.placeholder(ops, "msa_mask");
            try (Session session = fixture.session(graph, module)) {
                HostTensor out = run(session, Map.of(m, fixture.value("m"), mask, fixture.value("msa_mask")), module.apply(m, mask));
                fixture.assertOutput("z_update", out);
            }
        }
    }

    @Test
    void msaRowAttentionWithPairBiasEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("msa_row_attention_pair_bias");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new MsaRowAttentionWithPairBias(ops, fixture.intArg("c_m"), fixture.intArg("c_z"), fixture.intArg("c_hidden"),
                    fixture.intArg("no_heads"), fixture.doubleArg("inf"), DType.F32);
            Tensor m = fixture.placeholder(ops, "m");
            Tensor z = fixture.placeholder(ops, "z");
            Tensor mask = fixture.placeholder(ops, "msa_mask");
            try (Session session = fixture.session(graph, module)) {
                Map<Tensor, HostTensor> feeds = Map.of(m, fixture.value("m"), z, fixture.value("z"), mask, fixture.value("msa_mask"));
                fixture.assertOutput("m_update", run(session, feeds, module.apply(m, z, mask)));
            }
        }
    }

    static TriangleAttention triangleAttention(Ops ops, ModuleFixture fixture, TriangleAttention.Node node) {
        return new TriangleAttention(ops, node, fixture.intArg("c_in"), fixture.intArg("c_hidden"), fixture.intArg("no_heads"),
                fixture.doubleArg("inf"), DType.F32);
    }

    static HostTensor run(Session session, Map<Tensor, HostTensor> feeds, Tensor fetch) {
        return session.run(feeds, List.of(fetch)).get(0);
    }

    static void assertSameValues(HostTensor expected, HostTensor actual, double atol, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double diff = ModuleFixture.maxAbsDiff(expected.toDoubles(), actual.toDoubles());
        assertTrue(diff <= atol, what + ": max abs difference " + diff);
    }
}
