package io.timelapse.plugin.openfold.model.embedders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Names inside a model, OpenFold's strict distogram bins and the refusal of mis-typed inputs. */
class EmbeddersTest {

    private static final int C_Z = 12;

    @Test
    void variablesCarryTheFullModelsStateDictNames() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var input = new InputEmbedder(ops.scope("input_embedder"), 22, 49, C_Z, 16, 32, DType.F32);
            var recycling = new RecyclingEmbedder(ops.scope("recycling_embedder"), 16, C_Z, 3.25, 20.75, 15, 1e8, DType.F32);
            assertEquals(Stream.of("linear_tf_z_i", "linear_tf_z_j", "linear_tf_m", "linear_msa_m", "linear_relpos")
                            .flatMap(layer -> Stream.of(layer + ".weight", layer + ".bias")).map(key -> "input_embedder." + key)
                            .sorted().toList(),
                    input.state().keySet().stream().sorted().toList());
            assertEquals(Shape.of(C_Z, 65), input.state().get("input_embedder.linear_relpos.weight").shape());
            assertEquals(Stream.of("layer_norm_m", "layer_norm_z", "linear")
                            .flatMap(layer -> Stream.of(layer + ".weight", layer + ".bias")).map(key -> "recycling_embedder." + key)
                            .sorted().toList(),
                    recycling.state().keySet().stream().sorted().toList());
            assertEquals(Shape.of(C_Z, 15), recycling.state().get("recycling_embedder.linear.weight").shape());
        }
    }

    @Test
    void aDistanceOnABinEdgeFallsInNoBinAndOneBeyondTheLastEdgeInTheLastBin() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new RecyclingEmbedder(ops, 16, C_Z, 3.25, 20.75, 15, 1e8, DType.F32);
            Tensor m = ops.zeros(Shape.of(4, 16), DType.F32);
            Tensor z = ops.zeros(Shape.of(4, 4, C_Z), DType.F32);
            Tensor x = ops.placeholder("x", DType.F32, Shape.of(4, 3));
            // residue 0 at the origin; 1 exactly on the first edge (3.25 Å), 2 inside bin 0, 3 beyond the last edge
            HostTensor positions = HostTensor.of(new float[] {0, 0, 0, 3.25f, 0, 0, 3.5f, 0, 0, 30, 0, 0}, 4, 3);
            try (Session session = graph.newSession()) {
                session.initialize();
                float[] update = session.run(Map.of(x, positions), List.of(module.apply(m, z, x).z())).get(0).toFloats();
                float[] none = pair(update, 0, 0);
                assertArrayEquals(none, pair(update, 0, 1), "a distance on the first edge is in no bin");
                assertFalse(Arrays.equals(none, pair(update, 0, 2)), "3.5 Å is in the first bin");
                assertFalse(Arrays.equals(none, pair(update, 0, 3)), "30 Å is in the last bin");
                assertFalse(Arrays.equals(pair(update, 0, 2), pair(update, 0, 3)), "3.5 Å and 30 Å are in different bins");
            }
        }
    }

    @Test
    void aFloatResidueIndexIsRefusedNamingTheModule() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new InputEmbedder(ops.scope("input_embedder"), 22, 49, C_Z, 16, 32, DType.F32);
            Tensor tf = ops.placeholder("tf", DType.F32, Shape.of(8, 22));
            Tensor msa = ops.placeholder("msa", DType.F32, Shape.of(5, 8, 49));
            Tensor ri = ops.placeholder("ri", DType.F32, Shape.of(8));
            var error = assertThrows(IllegalArgumentException.class, () -> module.apply(tf, ri, msa));
            assertEquals("input_embedder: residue_index must be integer, not F32", error.getMessage());
        }
    }

    private static float[] pair(float[] z, int i, int j) {
        int from = (i * 4 + j) * C_Z;
        return Arrays.copyOfRange(z, from, from + C_Z);
    }
}
