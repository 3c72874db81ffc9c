package io.timelapse.plugin.openfold.model.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The heads on the representations the {@code alphafold_micro} fixture records (its {@code sm_single}, {@code pair},
 * {@code msa} and {@code single}) reproduce the fixture's head outputs with its {@code aux_heads.*} weights.
 */
class AuxiliaryHeadsGoldenTest {

    private static final String FIXTURE = "alphafold_micro";

    @Test
    void reproducesTheFixturesHeadOutputs() {
        ModuleFixture fixture = ModuleFixture.of(FIXTURE);
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var heads = new AuxiliaryHeads(ops.scope("aux_heads"), AlphaFoldConfig.preset("micro").model().heads(), DType.F32);
            Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
            AuxiliaryHeads.Output out = heads.apply(input(ops, "sm_single", feeds), input(ops, "pair", feeds), input(ops, "msa", feeds),
                    input(ops, "single", feeds));
            try (Session session = graph.newSession()) {
                session.initialize();
                Map<String, HostTensor> params = new LinkedHashMap<>();
                fixture.params(key -> key).forEach((key, value) -> {
                    if (key.startsWith("aux_heads.")) {
                        params.put(key, value);
                    }
                });
                var report = StateDict.load(session, heads.state(), params, FIXTURE, true);
                assertTrue(report.missing().isEmpty(), "missing " + report.missing());
                var values = session.run(feeds, List.of(out.lddtLogits(), out.plddt(), out.distogramLogits(),
                        out.maskedMsaLogits(), out.experimentallyResolvedLogits()));
                List<String> names = List.of("lddt_logits", "plddt", "distogram_logits", "masked_msa_logits",
                        "experimentally_resolved_logits");
                for (int i = 0; i < names.size(); i++) {
                    fixture.assertOutput(names.get(i), values.get(i));
                }
            }
        }
    }

    @Test
    void plddtOfEqualLogitsIsFiftyAndOfOneCertainBinItsCentre() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            double[] logits = new double[2 * 50];
            logits[50 + 49] = 200;
            Tensor plddt = Plddt.compute(ops, ops.constant(HostTensor.fromDoubles(DType.F64, Shape.of(2, 50), logits)));
            try (Session session = graph.newSession()) {
                double[] values = session.run(Map.of(), List.of(plddt)).get(0).toDoubles();
                assertEquals(50, values[0], 1e-9);
                assertEquals(99, values[1], 1e-9);
            }
        }
    }

    private static Tensor input(Ops ops, String output, Map<Tensor, HostTensor> feeds) {
        Fixtures.Array array = Fixtures.load(FIXTURE, "output." + output);
        long[] dims = Arrays.stream(array.shape()).asLongStream().toArray();
        Tensor placeholder = ops.placeholder(output, DType.F32, Shape.of(dims));
        feeds.put(placeholder, HostTensor.fromDoubles(DType.F32, Shape.of(dims), array.data()));
        return placeholder;
    }
}
