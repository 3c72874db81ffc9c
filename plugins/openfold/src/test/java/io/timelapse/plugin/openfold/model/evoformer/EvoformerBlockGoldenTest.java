package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The full Evoformer block and the extra-MSA stack against OpenFold's own outputs, with its weights loaded by their state-dict names. */
class EvoformerBlockGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;

    /** OpenFold's Evoformer config value; the fixture's meta does not list it. */
    private static final double INF = 1e9;

    @Test
    void evoformerBlockEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("evoformer_block");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var block = new EvoformerBlock(ops, config(fixture, INF), DType.F32);
            Tensor m = fixture.placeholder(ops, "m");
            Tensor z = fixture.placeholder(ops, "z");
            Tensor msaMask = fixture.placeholder(ops, "msa_mask");
            Tensor pairMask = fixture.placeholder(ops, "pair_mask");
            try (Session session = fixture.session(graph, block)) {
                Map<Tensor, HostTensor> feeds = Map.of(m, fixture.value("m"), z, fixture.value("z"),
                        msaMask, fixture.value("msa_mask"), pairMask, fixture.value("pair_mask"));
                var out = session.run(feeds, block.apply(m, z, msaMask, pairMask));
                fixture.assertOutput("m_out", out.get(0));
                fixture.assertOutput("z_out", out.get(1));
            }
        }
    }

    @Test
    void extraMsaStackEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("extra_msa_stack");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var stack = new ExtraMsaStack(ops, config(fixture, fixture.doubleArg("inf")), fixture.intArg("no_blocks"),
                    fixture.doubleArg("eps"), DType.F32);
            Tensor m = fixture.placeholder(ops, "m");
            Tensor z = fixture.placeholder(ops, "z");
            Tensor msaMask = fixture.placeholder(ops, "msa_mask");
            Tensor pairMask = fixture.placeholder(ops, "pair_mask");
            try (Session session = fixture.session(graph, stack)) {
                Map<Tensor, HostTensor> feeds = Map.of(m, fixture.value("m"), z, fixture.value("z"),
                        msaMask, fixture.value("msa_mask"), pairMask, fixture.value("pair_mask"));
                fixture.assertOutput("z_out", EvoformerModulesGoldenTest.run(session, feeds, stack.apply(m, z, msaMask, pairMask)));
            }
        }
    }

    static EvoformerBlock.Config config(ModuleFixture fixture, double inf) {
        return new EvoformerBlock.Config(fixture.intArg("c_m"), fixture.intArg("c_z"), fixture.intArg("c_hidden_msa_att"),
                fixture.intArg("c_hidden_opm"), fixture.intArg("c_hidden_mul"), fixture.intArg("c_hidden_pair_att"),
                fixture.intArg("no_heads_msa"), fixture.intArg("no_heads_pair"), fixture.intArg("transition_n"), inf);
    }
}
