package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.npy.Npz;
import io.timelapse.plugin.openfold.model.ModuleFiles;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.modelio.WeightsFile;
import io.timelapse.plugin.openfold.structure.MmcifReader;
import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openfold predict}: the micro model with the alphafold_micro fixture's weights on the fixture's features
 * reproduces OpenFold's final atom positions and pLDDT in outputs.npz and prediction.pdb; a tiny random model
 * predicts ubiquitin from its structure file alone; bad input is a one-line usage error with no run directory.
 */
class PredictCommandTest {

    private static final Path FIXTURE = Fixtures.resourcePath("fixtures/alphafold_micro");
    private static final Path UBIQUITIN = Fixtures.resourcePath("dataset/ubq/1ubi_A.pdb");

    @TempDir
    Path tmp;

    private CommandTester.Result predict(Path runs, String... args) {
        CommandTester tester = new CommandTester(runs);
        return tester.execute("openfold", new PredictCommand(tester.runs(), TestCompute.SERVICE), args);
    }

    /** The fixture's weights as a weights file of the micro config. */
    private Path microWeights() throws IOException {
        Path file = tmp.resolve("micro.safetensors");
        WeightsFile.save(file, ModuleFiles.open(FIXTURE).params(), Map.of(WeightsFile.CONFIG_KEY, "micro"));
        return file;
    }

    /** Every input.*.npy of the fixture (trailing recycling axis 2) in one npz, less {@code without}. */
    private Path fixtureFeatures(String name, String without) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(FIXTURE)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (file.startsWith("input.") && file.endsWith(".npy")) {
                    String feature = file.substring("input.".length(), file.length() - ".npy".length());
                    if (!feature.equals(without)) {
                        arrays.put(feature, Npy.read(f));
                    }
                }
            }
        }
        Path file = tmp.resolve(name);
        Npz.write(file, arrays, true);
        return file;
    }

    @Test
    void reproducesTheFixturesStructureAndConfidence() throws IOException {
        Path out = tmp.resolve("run");
        CommandTester.Result r = predict(tmp.resolve("runs"), "--weights", microWeights().toString(), "--features",
                fixtureFeatures("features.npz", null).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        ModuleFixture fixture = ModuleFixture.of("alphafold_micro");
        Map<String, NpyArray> outputs = Npz.read(out.resolve("outputs.npz"));
        for (String name : List.of("final_atom_positions", "final_atom_mask", "sm_frames", "sm_sidechain_frames", "sm_unnormalized_angles",
                "sm_angles", "sm_positions", "sm_states", "sm_single", "single", "pair", "msa", "distogram_logits", "masked_msa_logits",
                "lddt_logits", "experimentally_resolved_logits", "plddt")) {
            assertTrue(outputs.containsKey(name), "outputs.npz lacks " + name);
        }
        HostTensor positions = ModuleFiles.host(outputs.get("final_atom_positions"), DType.F32);
        HostTensor plddt = ModuleFiles.host(outputs.get("plddt"), DType.F32);
        System.out.printf("predict final_atom_positions max abs error %.1e%n", fixture.assertOutput("final_atom_positions", positions,
                Math.max(1e-3, fixture.atol("final_atom_positions"))));
        System.out.printf("predict plddt max abs error %.1e%n", fixture.assertOutput("plddt", plddt, Math.max(1e-3, fixture.atol("plddt"))));

        ProteinChain chain = PdbReader.read(out.resolve("prediction.pdb")).chain(null);
        assertEquals(20, chain.length());
        float[] mask = ModuleFiles.host(outputs.get("final_atom_mask"), DType.F32).toFloats();
        float[] expected = positions.toFloats();
        for (int a = 0; a < mask.length; a++) {
            assertEquals(mask[a] > 0.5f, chain.atomMask()[a] > 0.5f, "atom " + a);
            for (int k = 0; mask[a] > 0.5f && k < 3; k++) {
                assertEquals(expected[a * 3 + k], chain.atomPositions()[a * 3 + k], 6e-4, "atom " + a);
            }
        }
        float[] confidence = plddt.toFloats();
        List<String> atoms = Files.readAllLines(out.resolve("prediction.pdb")).stream().filter(l -> l.startsWith("ATOM")).toList();
        assertFalse(atoms.isEmpty());
        for (String line : atoms) {
            int residue = Integer.parseInt(line.substring(22, 26).trim()) - 1;
            assertEquals(confidence[residue], Double.parseDouble(line.substring(60, 66).trim()), 0.006, line);
        }
        assertEquals(20, MmcifReader.read(out.resolve("prediction.cif")).chain(null).length());

        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("results");
        assertEquals("micro", results.path("config").asText());
        assertEquals(20, results.path("length").asInt());
        assertEquals(1, results.path("recycles").asInt());
        assertEquals(mean(confidence), results.path("mean_plddt").asDouble(), 1e-4);
        assertTrue(results.path("seconds").asDouble() > 0);
    }

    @Test
    void predictsUbiquitinFromItsStructureWithATinyRandomModel() throws IOException {
        Path weights = tmp.resolve("tiny.safetensors");
        try (Graph graph = TestCompute.SERVICE.newGraph(7)) {
            AlphaFold model = new AlphaFold(graph.ops(), AlphaFoldConfig.preset("tiny").model(), DType.F32);
            try (Session session = graph.newSession()) {
                session.initialize();
                WeightsFile.save(weights, session, model, "tiny");
            }
        }
        Path out = tmp.resolve("ubq");
        CommandTester.Result r = predict(tmp.resolve("runs"), "--weights", weights.toString(), "--structure", UBIQUITIN.toString(),
                "--recycles", "1", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        ProteinChain chain = PdbReader.read(out.resolve("prediction.pdb")).chain(null);
        ProteinChain input = PdbReader.read(UBIQUITIN).chain(null);
        assertEquals(input.sequence(), chain.sequence());
        assertEquals(input.sequence(), MmcifReader.read(out.resolve("prediction.cif")).chain(null).sequence());
        for (float v : chain.atomPositions()) {
            assertTrue(Float.isFinite(v));
        }
        Map<String, NpyArray> outputs = Npz.read(out.resolve("outputs.npz"));
        double[] plddt = outputs.get("plddt").asDoubleArray();
        assertEquals(input.length(), plddt.length);
        for (double v : plddt) {
            assertTrue(v >= 0 && v <= 100, "pLDDT " + v);
        }
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("results");
        assertEquals("tiny", results.path("config").asText());
        assertEquals(1, results.path("recycles").asInt());
        assertEquals(input.length(), results.path("length").asInt());
    }

    @Test
    void badInputIsAUsageErrorWithNoRunDirectory() throws IOException {
        String weights = microWeights().toString();
        String features = fixtureFeatures("features.npz", null).toString();
        Path noMsaFeat = fixtureFeatures("no_msa_feat.npz", "msa_feat");
        assertRejected(List.of("--weights", weights, "--features", noMsaFeat.toString()), "--features " + noMsaFeat,
                "missing feature msa_feat");
        assertRejected(List.of("--weights", weights), "exactly one of --features FILE and --structure FILE");
        assertRejected(List.of("--weights", weights, "--features", features, "--structure", UBIQUITIN.toString()),
                "exactly one of --features FILE and --structure FILE");
        assertRejected(List.of("--weights", weights, "--features", features, "--preset", "huge"), "--preset huge:",
                "unknown config preset \"huge\"");
        assertRejected(List.of("--weights", weights, "--features", features, "--recycles", "2"), "has 2 recycling slices");

        Map<String, HostTensor> params = ModuleFiles.open(FIXTURE).params();
        String key = "structure_module.linear_in.weight";
        long[] dims = params.get(key).shape().dims();
        params.put(key, HostTensor.zeros(DType.F32, Shape.of(dims[0], dims[1] + 1)));
        Path misShaped = tmp.resolve("mis_shaped.safetensors");
        WeightsFile.save(misShaped, params, Map.of(WeightsFile.CONFIG_KEY, "micro"));
        assertRejected(List.of("--weights", misShaped.toString(), "--features", features), "--weights " + misShaped,
                key, "[" + dims[0] + ", " + (dims[1] + 1) + "]", "[" + dims[0] + ", " + dims[1] + "]");
        params.remove(key);
        Path missing = tmp.resolve("missing.safetensors");
        WeightsFile.save(missing, params, Map.of(WeightsFile.CONFIG_KEY, "micro"));
        assertRejected(List.of("--weights", missing.toString(), "--features", features), "--weights " + missing, "no tensor " + key,
                "[" + dims[0] + ", " + dims[1] + "]");
    }

    private void assertRejected(List<String> args, String... message) {
        Path runs = tmp.resolve("bad-runs");
        Path out = tmp.resolve("bad-out");
        List<String> line = new ArrayList<>(args);
        line.addAll(List.of("--out", out.toString()));
        CommandTester.Result r = predict(runs, line.toArray(String[]::new));
        assertEquals(2, r.exitCode(), args + "\n" + r.err());
        for (String part : message) {
            assertTrue(r.err().contains(part), args + ": '" + part + "' missing from\n" + r.err());
        }
        assertFalse(r.stackTrace(), r.err());
        assertFalse(Files.exists(runs) || Files.exists(out), args + " left a run directory behind");
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
