package io.timelapse.plugin.openfold.model.evoformer;

import static io.timelapse.plugin.openfold.model.ModuleFixture.assertSameValues;
import static io.timelapse.plugin.openfold.model.ModuleFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names inside a model, OpenFold's default mask and the refusal of mis-shaped inputs. */
class EvoformerModulesTest {

    @Test
    void variablesCarryTheFullModelsStateDictNames() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            var module = new MsaRowAttentionWithPairBias(graph.ops().scope("evoformer.blocks.0.msa_att_row"), 16, 12, 6, 2, 1e9,
                    DType.F32);
            assertEquals(List.of("layer_norm_m.weight", "layer_norm_m.bias", "layer_norm_z.weight", "layer_norm_z.bias",
                            "linear_z.weight", "mha.linear_q.weight", "mha.linear_k.weight", "mha.linear_v.weight",
                            "mha.linear_o.weight", "mha.linear_o.bias", "mha.linear_g.weight", "mha.linear_g.bias").stream()
                            .map(key -> "evoformer.blocks.0.msa_att_row." + key).sorted().toList(),
                    module.state().keySet().stream().sorted().toList());
            assertEquals(Shape.of(12, 16), module.state().get("evoformer.blocks.0.msa_att_row.mha.linear_q.weight").shape());
        }
    }

    @Test
    void noMaskIsAMaskOfOnes() {
        ModuleFixture fixture = ModuleFixture.of("outer_product_mean");
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new OuterProductMean(ops, 16, 12, 4, 1e-3, DType.F32);
            Tensor m = fixture.placeholder(ops, "m");
            try (Session session = fixture.session(graph, module)) {
                Map<Tensor, HostTensor> feeds = Map.of(m, fixture.value("m"));
                HostTensor ones = run(session, feeds, module.apply(m, ops.ones(Shape.of(2, 5, 8), DType.F32)));
                assertSameValues(ones, run(session, feeds, module.apply(m, null)), 0, "no mask vs ones");
            }
        }
    }

    @Test
    void aPairRepresentationWithTheWrongChannelsIsRefusedNamingTheModule() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new TriangleMultiplicativeUpdate(ops.scope("evoformer.blocks.0.core.tri_mul_out"),
                    TriangleMultiplicativeUpdate.Direction.OUTGOING, 12, 6, DType.F32);
            Tensor z = ops.placeholder("z", DType.F32, Shape.of(2, 8, 8, 10));
            var error = assertThrows(IllegalArgumentException.class, () -> module.apply(z, null));
            assertEquals("evoformer.blocks.0.core.tri_mul_out: the pair representation must have at least 3 axes and 12 channels"
                    + " in the last, not " + Shape.of(2, 8, 8, 10), error.getMessage());
        }
    }
}
