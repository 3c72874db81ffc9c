package io.timelapse.plugin.openfold.model.embedders;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedders against OpenFold's own outputs (float64, rounded to float32) with OpenFold's weights
 * loaded by their state-dict names, in float32.
 */
class EmbeddersGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;

    @Test
    void inputEmbedderEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("input_embedder");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new InputEmbedder(ops, fixture.intArg("tf_dim"), fixture.intArg("msa_dim"), fixture.intArg("c_z"),
                    fixture.intArg("c_m"), fixture.intArg("relpos_k"), DType.F32);
            Tensor targetFeat = fixture.placeholder(ops, "target_feat");
            Tensor msaFeat = fixture.placeholder(ops, "msa_feat");
            Fixtures.Array ri = Fixtures.load("input_embedder", "input.residue_index");
            Tensor residueIndex = ops.placeholder("residue_index", DType.I32, Shape.of(ri.shape()[0], ri.shape()[1]));
            Embeddings out = module.apply(targetFeat, residueIndex, msaFeat);
            try (Session session = fixture.session(graph, module)) {
                Map<Tensor, HostTensor> feeds = Map.of(targetFeat, fixture.value("target_feat"), msaFeat, fixture.value("msa_feat"),
                        residueIndex, HostTensor.of(ri.toInts(), ri.shape()[0], ri.shape()[1]));
                try (Outputs values = session.run(feeds, List.of(out.m(), out.z()))) {
                    fixture.assertOutput("msa_emb", values.get(0));
                    fixture.assertOutput("pair_emb", values.get(1));
                }
            }
        }
    }

    @Test
    void recyclingEmbedderEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("recycling_embedder");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new RecyclingEmbedder(ops, fixture.intArg("c_m"), fixture.intArg("c_z"), fixture.doubleArg("min_bin"),
                    fixture.doubleArg("max_bin"), fixture.intArg("no_bins"), fixture.doubleArg("inf"), DType.F32);
            Tensor m = fixture.placeholder(ops, "m_1_prev");
            Tensor z = fixture.placeholder(ops, "z_prev");
            Tensor x = fixture.placeholder(ops, "x_prev_pseudo_beta");
            Embeddings out = module.apply(m, z, x);
            try (Session session = fixture.session(graph, module)) {
                Map<Tensor, HostTensor> feeds = Map.of(m, fixture.value("m_1_prev"), z, fixture.value("z_prev"),
                        x, fixture.value("x_prev_pseudo_beta"));
                try (Outputs values = session.run(feeds, List.of(out.m(), out.z()))) {
                    fixture.assertOutput("m_update", values.get(0));
                    fixture.assertOutput("z_update", values.get(1));
                }
            }
        }
    }
}
