package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.openfold.model.ModuleFiles;
import io.timelapse.plugin.openfold.testing.TestCompute;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The modules without a fixture run through {@code openfold module} under OpenFold's class names: each reads its
 * constructor arguments from meta.json, its inputs and weights by name, and writes outputs of the expected shapes.
 */
class ClassNameModulesTest {

    @TempDir
    Path tmp;

    /** A module, its meta.json, its inputs (name → shape; names ending in "mask" are ones) and its outputs' shapes. */
    record Case(String name, String meta, Map<String, long[]> inputs, Map<String, long[]> outputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case[] cases() {
        return new Case[] {
            new Case("triangle_multiplication_incoming", "{\"c_z\": 6, \"c_hidden\": 4}",
                    Map.of("z", new long[] {5, 5, 6}, "pair_mask", new long[] {5, 5}), Map.of("z_update", new long[] {5, 5, 6})),
            new Case("triangle_attention_ending_node", "{\"c_in\": 6, \"c_hidden\": 4, \"no_heads\": 2}",
                    Map.of("z", new long[] {5, 5, 6}, "pair_mask", new long[] {5, 5}), Map.of("z_update", new long[] {5, 5, 6})),
            new Case("msa_column_global_attention", "{\"c_in\": 6, \"c_hidden\": 4, \"no_heads\": 2, \"eps\": 1e-10}",
                    Map.of("m", new long[] {3, 5, 6}, "msa_mask", new long[] {3, 5}), Map.of("m_update", new long[] {3, 5, 6})),
            new Case("msa_transition", "{\"c_m\": 6, \"n\": 2}", Map.of("m", new long[] {3, 5, 6}), Map.of("m_update", new long[] {3, 5, 6})),
            new Case("pair_transition", "{\"c_z\": 6, \"n\": 2}", Map.of("z", new long[] {5, 5, 6}), Map.of("z_update", new long[] {5, 5, 6})),
            new Case("backbone_update", "{\"c_s\": 6}", Map.of("s", new long[] {5, 6}), Map.of("update", new long[] {5, 6})),
            new Case("angle_resnet", "{\"c_in\": 6, \"c_hidden\": 4, \"no_blocks\": 2, \"no_angles\": 7, \"epsilon\": 1e-8}",
                    Map.of("s", new long[] {5, 6}, "s_initial", new long[] {5, 6}),
                    Map.of("unnormalized_angles", new long[] {5, 7, 2}, "angles", new long[] {5, 7, 2})),
            new Case("structure_module_transition", "{\"c\": 6, \"num_layers\": 1}", Map.of("s", new long[] {5, 6}),
                    Map.of("s", new long[] {5, 6})),
            new Case("distogram_head", "{\"c_z\": 6, \"no_bins\": 64}", Map.of("z", new long[] {5, 5, 6}),
                    Map.of("logits", new long[] {5, 5, 64})),
            new Case("masked_msa_head", "{\"c_m\": 6, \"c_out\": 23}", Map.of("m", new long[] {3, 5, 6}), Map.of("logits", new long[] {3, 5, 23})),
            new Case("experimentally_resolved_head", "{\"c_s\": 6, \"c_out\": 37}", Map.of("s", new long[] {5, 6}),
                    Map.of("logits", new long[] {5, 37})),
            new Case("per_residue_lddt_ca_predictor", "{\"c_in\": 6, \"c_hidden\": 8, \"no_bins\": 50}", Map.of("s", new long[] {5, 6}),
                    Map.of("logits", new long[] {5, 50})),
        };
    }

    @ParameterizedTest
    @MethodSource("cases")
    void runsUnderItsClassName(Case c) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(dir.resolve("meta.json"), c.meta());
        Random random = new Random(11);
        for (Map.Entry<String, long[]> input : c.inputs().entrySet()) {
            float[] values = new float[(int) Arrays.stream(input.getValue()).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < values.length; i++) {
                values[i] = input.getKey().endsWith("mask") ? 1f : (float) random.nextGaussian();
            }
            Npy.write(dir.resolve("input." + input.getKey() + ".npy"), NpyArray.ofFloats(values, input.getValue()));
        }
        for (Map.Entry<String, long[]> weight : weightShapes(c.name(), dir).entrySet()) {
            float[] values = new float[(int) Arrays.stream(weight.getValue()).reduce(1, (a, b) -> a * b)];
            IntStream.range(0, values.length).forEach(i -> values[i] = (float) (0.3 * random.nextGaussian()));
            Npy.write(dir.resolve("param." + weight.getKey() + ".npy"), NpyArray.ofFloats(values, weight.getValue()));
        }
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("out");
        CommandTester.Result r = tester.execute("openfold", new ModuleCommand(tester.runs(), TestCompute.SERVICE), c.name(), "--dir",
                dir.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (Map.Entry<String, long[]> output : c.outputs().entrySet()) {
            NpyArray written = Npy.read(out.resolve("output." + output.getKey() + ".npy"));
            assertArrayEquals(output.getValue(), written.shape(), output.getKey());
            float[] values = written.asFloatArray();
            assertTrue(IntStream.range(0, values.length).allMatch(i -> Float.isFinite(values[i])), output.getKey() + " is finite");
            assertTrue(IntStream.range(0, values.length).anyMatch(i -> values[i] != 0), output.getKey() + " is not all zero");
        }
    }

    /** The module's weights by state-dict name and shape, from building it once on the inputs. */
    private static Map<String, long[]> weightShapes(String name, Path dir) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            ModuleCatalog.Built built = ModuleCatalog.find(name).build(graph.ops(), ModuleFiles.open(dir));
            for (Map.Entry<String, Variable> weight : built.module().state().entrySet()) {
                shapes.put(weight.getKey(), weight.getValue().shape().dims());
            }
        }
        return shapes;
    }
}
