package io.timelapse.plugin.openfold.model.evoformer;

import static io.timelapse.plugin.openfold.model.ModuleFixture.assertSameValues;
import static io.timelapse.plugin.openfold.model.ModuleFixture.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.Module;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The incoming and ending-node variants, which have no fixture, against the golden-tested outgoing and
 * starting-node ones through identities of OpenFold's definitions:
 * <ul>
 *   <li>incoming_W(z)ᵢⱼ = outgoing_W'(zᵀ)ⱼᵢ, where W' is W with the a and b projections exchanged:
 *       Σ_k a_ki·b_kj is the (j, i) entry of Σ_k b'_jk·a'_ik on the transposed pair, and the gate of
 *       z_ij lands on (j, i) of the transposed input;</li>
 *   <li>ending_W(z)ᵢⱼ = starting_W(zᵀ)ⱼᵢ (Alg. 14 is Alg. 13 on the transposed pair).</li>
 * </ul>
 * The golden fixtures' inputs and weights are used, and each variant must also differ from its partner
 * on the untransposed input, so a direction that is ignored fails.
 */
class TransposedVariantsTest {

    @Test
    void incomingIsOutgoingWithExchangedProjectionsOnTheTransposedPair() {
        ModuleFixture fixture = ModuleFixture.of("tri_mul_outgoing");
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            long cZ = fixture.intArg("c_z");
            long hidden = fixture.intArg("c_hidden_mul");
            var incoming = new TriangleMultiplicativeUpdate(ops.scope("incoming"), TriangleMultiplicativeUpdate.Direction.INCOMING,
                    cZ, hidden, DType.F32);
            var outgoing = new TriangleMultiplicativeUpdate(ops.scope("outgoing"), TriangleMultiplicativeUpdate.Direction.OUTGOING,
                    cZ, hidden, DType.F32);
            var sameWeightsOutgoing = new TriangleMultiplicativeUpdate(ops.scope("plain"),
                    TriangleMultiplicativeUpdate.Direction.OUTGOING, cZ, hidden, DType.F32);
            Tensor z = fixture.placeholder(ops, "z");
            Tensor mask = fixture.placeholder(ops, "pair_mask");
            Tensor viaOutgoing = Axes.swapPairAxes(ops, outgoing.apply(Axes.swapPairAxes(ops, z), Axes.swapLast(ops, mask)));
            try (Session session = graph.newSession()) {
                session.initialize();
                Map<String, HostTensor> values = new LinkedHashMap<>();
                values.putAll(fixture.params(key -> "incoming." + key));
                values.putAll(fixture.params(key -> "outgoing." + exchangeAB(key)));
                values.putAll(fixture.params(key -> "plain." + key));
                Map<String, Variable> variables = new LinkedHashMap<>(incoming.state());
                variables.putAll(outgoing.state());
                variables.putAll(sameWeightsOutgoing.state());
                StateDict.load(session, variables, values, "tri_mul_outgoing", false).requireExact();
                Map<Tensor, HostTensor> feeds = Map.of(z, fixture.value("z"), mask, fixture.value("pair_mask"));
                HostTensor expected = run(session, feeds, viaOutgoing);
                HostTensor actual = run(session, feeds, incoming.apply(z, mask));
                assertSameValues(expected, actual, 1e-5, "incoming vs transposed outgoing");
                assertDiffers(run(session, feeds, sameWeightsOutgoing.apply(z, mask)), actual);
            }
        }
    }

    @Test
    void endingNodeIsStartingNodeOnTheTransposedPair() {
        ModuleFixture fixture = ModuleFixture.of("tri_att_start");
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var ending = triangleAttention(ops.scope("ending"), fixture, TriangleAttention.Node.ENDING);
            var starting = triangleAttention(ops.scope("starting"), fixture, TriangleAttention.Node.STARTING);
            Tensor z = fixture.placeholder(ops, "z");
            Tensor mask = fixture.placeholder(ops, "pair_mask");
            Tensor viaStarting = Axes.swapPairAxes(ops, starting.apply(Axes.swapPairAxes(ops, z), Axes.swapLast(ops, mask)));
            try (Session session = graph.newSession()) {
                session.initialize();
                load(session, ending, fixture, "ending.");
                load(session, starting, fixture, "starting.");
                Map<Tensor, HostTensor> feeds = Map.of(z, fixture.value("z"), mask, fixture.value("pair_mask"));
                HostTensor actual = run(session, feeds, ending.apply(z, mask));
                assertSameValues(run(session, feeds, viaStarting), actual, 1e-6, "ending vs transposed starting");
                assertDiffers(run(session, feeds, starting.apply(z, mask)), actual);
            }
        }
    }

    private static void load(Session session, Module module, ModuleFixture fixture, String prefix) {
        StateDict.load(session, module.state(), fixture.params(key -> prefix + key), prefix, false).requireExact();
    }

    private static String exchangeAB(String key) {
        return key.startsWith("linear_a_") ? "linear_b_" + key.substring(9)
                : key.startsWith("linear_b_") ? "linear_a_" + key.substring(9) : key;
    }

    private static void assertDiffers(HostTensor partner, HostTensor variant) {
        double diff = ModuleFixture.maxAbsDiff(partner.toDoubles(), variant.toDoubles());
        assertTrue(diff > 0.05, "the variant should differ from its partner on the same input, max difference " + diff);
    }

    private static TriangleAttention triangleAttention(Ops ops, ModuleFixture fixture, TriangleAttention.Node node) {
        return new TriangleAttention(ops, node, fixture.intArg("c_in"), fixture.intArg("c_hidden"), fixture.intArg("no_heads"),
                fixture.doubleArg("inf"), DType.F32);
    }
}
