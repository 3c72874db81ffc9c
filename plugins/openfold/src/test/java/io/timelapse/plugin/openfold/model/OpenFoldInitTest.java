package io.timelapse.plugin.openfold.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.Linear;
import io.timelapse.plugin.openfold.model.evoformer.EvoformerBlock;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenFold's initialisation schemes, and what they are for: a fresh Evoformer block is the identity. */
class OpenFoldInitTest {

    @Test
    void eachSchemeHasOpenFoldsMomentsAndBiases() {
        long in = 256;
        long out = 512;
        try (Graph graph = TestCompute.SERVICE.newGraph(3)) {
            Ops ops = graph.ops();
            List<Linear> layers = new ArrayList<>();
            for (OpenFoldInit init : OpenFoldInit.values()) {
                layers.add(init.linear(ops.scope(init.name().toLowerCase()), in, out, true, DType.F64));
            }
            try (Session session = graph.newSession()) {
                session.initialize();
                double[][] expected = {
                    {1.0 / in, 0}, {2.0 / in, 0}, {2.0 / (in + out), 0}, {0, 1}, {1.0 / in, 0}, {0, 0}};
                for (int i = 0; i < layers.size(); i++) {
                    String name = OpenFoldInit.values()[i].name();
                    double[] w = fetch(session, layers.get(i).weight());
                    double mean = java.util.Arrays.stream(w).average().orElseThrow();
                    double variance = java.util.Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum() / w.length;
                    assertEquals(expected[i][0], variance, 0.03 * expected[i][0] + 1e-15, name + " weight variance");
                    assertEquals(0, mean, 0.01 * Math.sqrt(expected[i][0]) + 1e-15, name + " weight mean");
                    double[] b = fetch(session, layers.get(i).bias());
                    for (double value : b) {
                        assertEquals(expected[i][1], value, 0, name + " bias");
                    }
                }
                double bound = 2 * Math.sqrt(1.0 / in) / 0.87962566103423978;
                double[] lecun = fetch(session, layers.get(OpenFoldInit.DEFAULT.ordinal()).weight());
                assertTrue(java.util.Arrays.stream(lecun).allMatch(x -> Math.abs(x) <= bound), "truncated at two standard deviations");
            }
        }
    }

    @Test
    void aFreshEvoformerBlockIsTheIdentity() {
        try (Graph graph = TestCompute.SERVICE.newGraph(5)) {
            Ops ops = graph.ops();
            var config = new EvoformerBlock.Config(32, 32, 8, 8, 32, 8, 4, 2, 2, 1e9);
            var block = new EvoformerBlock(ops.scope("block"), config, DType.F64);
            Tensor m = ops.randomNormal(Shape.of(4, 6, config.cM()), DType.F64, 0, 1, 1);
            Tensor z = ops.randomNormal(Shape.of(6, 6, config.cZ()), DType.F64, 0, 1, 2);
            List<Tensor> updated = block.apply(m, z, null, null);
            try (Session session = graph.newSession()) {
                session.initialize();
                try (Outputs out = session.run(Map.of(), List.of(m, z, updated.get(0), updated.get(1)))) {
                    assertArrayEquals(out.get(0).toDoubles(), out.get(2).toDoubles(), 0, "m passes unchanged");
                    assertArrayEquals(out.get(1).toDoubles(), out.get(3).toDoubles(), 0, "z passes unchanged");
                }
            }
        }
    }

    private static double[] fetch(Session session, Variable variable) {
        try (Outputs out = session.run(Map.of(), List.of(variable))) {
            return out.get(0).toDoubles();
        }
    }
}
