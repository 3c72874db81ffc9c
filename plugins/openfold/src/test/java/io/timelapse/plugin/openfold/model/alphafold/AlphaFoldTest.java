package io.timelapse.plugin.openfold.model.alphafold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The whole model beyond the float32 golden run ({@code AlphaFoldMicroTest}): parameter counts and names, float64,
 * one cycle equal to the fixture's cycle 0, no gradient through earlier cycles, dropout in training only.
 */
class AlphaFoldTest {

    private static final String FIXTURE = "alphafold_micro";

    @Test
    void tinyHasTheSpecsParameterCountAndMicroTheFixturesNames() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            var tiny = new AlphaFold(graph.ops().scope("tiny"), AlphaFoldConfig.preset("tiny").model(), DType.F32);
            assertEquals(184_922, count(tiny));
            var micro = new AlphaFold(graph.ops(), AlphaFoldConfig.preset("micro").model(), DType.F32);
            assertEquals(32_430, count(micro));
            assertEquals(ModuleFixture.of(FIXTURE).params(key -> key).keySet(), micro.state().keySet());
        }
    }

    @Test
    void float64MatchesTheFixtureOneCycleIsCycleZeroAndEarlierCyclesGiveNoGradient() {
        ModuleFixture fixture = ModuleFixture.of(FIXTURE);
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var model = new AlphaFold(ops, AlphaFoldConfig.preset("micro").model(), DType.F64);
            Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
            Map<String, Tensor> features = features(ops, fixture, model, feeds);
            AlphaFold.Output both = model.apply(features, null, false);
            AlphaFold.Output first = model.apply(features, 1, null, false);
            Tensor msaFeat = features.get("msa_feat");
            Tensor gradient = graph.gradients(ops.sum(both.pair(), false), List.of(msaFeat)).get(0);
            try (Session session = graph.newSession()) {
                session.initialize();
                StateDict.load(session, model.state(), fixture.params(key -> key), FIXTURE, true);
                List<Tensor> fetches = List.of(both.finalAtomPositions(), both.pair(), both.heads().plddt(), first.finalAtomPositions(),
                        first.pair(), both.recycled().get(0).x(), gradient);
                try (Outputs out = session.run(feeds, fetches)) {
                    System.out.printf("float64 max abs errors: final_atom_positions %.1e, pair %.1e, plddt %.1e, "
                            + "cycle0.final_atom_positions %.1e, cycle0.pair %.1e%n",
                            fixture.assertOutput("final_atom_positions", out.get(0), 2e-5), fixture.assertOutput("pair", out.get(1), 2e-6),
                            fixture.assertOutput("plddt", out.get(2), 2e-5),
                            fixture.assertOutput("cycle0.final_atom_positions", out.get(3), 2e-5),
                            fixture.assertOutput("cycle0.pair", out.get(4), 2e-6));
                    assertArrayEquals(out.get(3).toDoubles(), out.get(5).toDoubles(), 1e-12, "cycle 0 hands on its final atoms");
                    double[] grad = out.get(6).toDoubles();
                    double cycle0 = 0;
                    double cycle1 = 0;
                    for (int i = 0; i < grad.length; i++) {
                        double g = Math.abs(grad[i]);
                        if (i % 2 == 0) {
                            cycle0 = Math.max(cycle0, g);
                        } else {
                            cycle1 = Math.max(cycle1, g);
                        }
                    }
                    assertEquals(0, cycle0, "no gradient reaches cycle 0's msa_feat");
                    assertTrue(cycle1 > 1e-3, "the last cycle's msa_feat has gradient " + cycle1);
                }
            }
        }
    }

    @Test
    void dropoutActsInTrainingAsAFunctionOfTheStep() {
        ModuleFixture fixture = ModuleFixture.of(FIXTURE);
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var model = new AlphaFold(ops, AlphaFoldConfig.preset("micro").model(), DType.F32);
            Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
            Map<String, Tensor> features = features(ops, fixture, model, feeds);
            Tensor step = ops.placeholder("step", DType.I64, Shape.scalar());
            Tensor trained = model.apply(features, step, true).pair();
            Tensor evaluated = model.apply(features, step, false).pair();
            try (Session session = graph.newSession()) {
                session.initialize();
                StateDict.load(session, model.state(), fixture.params(key -> key), FIXTURE, false);
                double[] step1 = run(session, feeds, step, 1, trained);
                assertArrayEquals(step1, run(session, feeds, step, 1, trained), "the same step gives the same masks");
                assertFalse(Arrays.equals(step1, run(session, feeds, step, 2, trained)), "another step, other masks");
                assertFalse(Arrays.equals(step1, run(session, feeds, step, 1, evaluated)), "evaluation has no dropout");
            }
        }
    }

    @Test
    void badCyclesAndMissingFeaturesAreRefused() {
        ModuleFixture fixture = ModuleFixture.of(FIXTURE);
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var model = new AlphaFold(ops, AlphaFoldConfig.preset("micro").model(), DType.F32);
            Map<String, Tensor> features = features(ops, fixture, model, new LinkedHashMap<>());
            var tooMany = assertThrows(IllegalArgumentException.class, () -> model.apply(features, 3, null, false));
            assertTrue(tooMany.getMessage().endsWith("cycles must be from 1 to the recycling axis' 2, not 3"), tooMany.getMessage());
            features.remove("extra_msa");
            var missing = assertThrows(IllegalArgumentException.class, () -> model.apply(features, null, false));
            assertTrue(missing.getMessage().endsWith("feature extra_msa is missing"), missing.getMessage());
        }
        SplittableRandom random = new SplittableRandom(5);
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            drawn.add(AlphaFold.sampleCycles(random, 4));
        }
        assertEquals(Set.of(1, 2, 3, 4), drawn);
    }

    private static Map<String, Tensor> features(Ops ops, ModuleFixture fixture, AlphaFold model, Map<Tensor, HostTensor> feeds) {
        Map<String, Tensor> features = new LinkedHashMap<>();
        for (String name : model.required()) {
            HostTensor value = fixture.value(name);
            Tensor placeholder = ops.placeholder(name, value.dtype(), value.shape());
            feeds.put(placeholder, value);
            features.put(name, placeholder);
        }
        return features;
    }

    private static double[] run(Session session, Map<Tensor, HostTensor> feeds, Tensor step, long value, Tensor fetch) {
        Map<Tensor, HostTensor> all = new LinkedHashMap<>(feeds);
        all.put(step, HostTensor.scalar(value));
        try (Outputs out = session.run(all, List.of(fetch))) {
            return out.get(0).toDoubles();
        }
    }

    private static long count(AlphaFold model) {
        return model.parameters().values().stream().mapToLong(v -> v.shape().size()).sum();
    }
}
