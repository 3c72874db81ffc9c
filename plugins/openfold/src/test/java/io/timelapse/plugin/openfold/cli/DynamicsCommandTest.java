package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.plugin.openfold.dynamics.DynamicsPlots;
import io.timelapse.plugin.openfold.dynamics.ProbeRow;
import io.timelapse.plugin.openfold.dynamics.ProbeTable;
import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openfold dynamics} on a 6-step micro training run with checkpoints at steps 2, 4 and 6. */
class DynamicsCommandTest {

    /** Model 1 of the NMR ensemble 2SDF: 67 residues, the training chain. */
    private static final String TRAINED = Fixtures.resourcePath("theseus/2sdf_model1.pdb.gz").toString();
    /** Ubiquitin, 76 residues, a further probe chain. */
    private static final String PROBE = Fixtures.resourcePath("dataset/ubq/1ubi_A.pdb").toString();
    private static final List<Long> STEPS = List.of(2L, 4L, 6L);

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Path trainRun;

    @BeforeAll
    static void train() {
        trainRun = shared.resolve("train");
        CommandTester tester = new CommandTester(shared.resolve("runs"));
        CommandTester.Result result = tester.execute("openfold", new TrainCommand(tester.runs(), TestCompute.SERVICE), "--structure",
                TRAINED, "--preset", "micro", "--crop", "12", "--steps", "6", "--warmup", "1", "--eval-every", "0", "--checkpoint-every", "2",
                "--seed", "3", "--out", trainRun.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
    }

    private CommandTester.Result dynamics(DynamicsCommand command, String... args) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        DynamicsCommand run = command != null ? command : new DynamicsCommand(tester.runs(), TestCompute.SERVICE);
        return tester.execute("openfold", run, args);
    }

    @Test
    void everyCheckpointPredictsEveryChainIntoRowsStructuresTrajectoriesAndPlots() throws IOException {
        Path out = tmp.resolve("dynamics");
        CommandTester.Result result = dynamics(null, "--run", trainRun.toString(), "--probe", PROBE, "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());

        List<String> csv = Files.readAllLines(out.resolve(ProbeTable.CSV));
        assertEquals(String.join(",", ProbeRow.COLUMNS), csv.get(0));
        assertEquals(7, csv.size(), csv.toString());
        List<ProbeRow> rows = ProbeTable.open(out).rows();
        List<String> chains = rows.stream().map(ProbeRow::chain).distinct().toList();
        assertEquals(List.of("2sdf_model1_A", "1ubi_A_A"), chains);
        for (String chain : chains) {
            List<ProbeRow> chainRows = rows.stream().filter(r -> r.chain().equals(chain)).toList();
            assertEquals(STEPS, chainRows.stream().map(ProbeRow::step).toList());
            for (ProbeRow row : chainRows) {
                assertInRange(row);
                assertTrue(Files.isRegularFile(out.resolve(row.structure())), row.structure());
            }
            assertTrajectory(out.resolve("trajectory_" + chain + ".pdb"), chain.startsWith("2sdf") ? 67 : 76);
        }
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results");
        // OpenFold initialises the backbone update to zero, so after a few steps the predictions are still collapsed.
        for (ProbeRow row : rows) {
            double truth = results.get("truth").get(row.chain()).get("radius_of_gyration").asDouble();
            assertTrue(truth > 10 && row.shape().radiusOfGyration() < truth / 2, row + " against the truth's " + truth);
        }
        for (String name : DynamicsPlots.NAMES) {
            assertTrue(Files.size(out.resolve(name + ".png")) > 0, name);
            assertTrue(Files.size(out.resolve(name + "_log.png")) > 0, name);
        }
        assertEquals(3, results.get("checkpoints").asInt());
        assertEquals(6, results.get("rows").asInt());
        assertTrue(results.get("transitions").has("2sdf_model1_A"), results.toString());
        assertEquals(0.9, results.get("share").asDouble());
        double truthPc1 = results.get("truth").get("1ubi_A_A").get("pc1").asDouble();
        assertTrue(truthPc1 > 0.3 && truthPc1 < 0.9, "ubiquitin is globular: " + truthPc1);

        CommandTester.Result again = dynamics(null, "--run", trainRun.toString(), "--probe", PROBE, "--out", out.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("is complete: 6 rows; nothing to do"), again.out());
    }

    @Test
    void aStoppedProbeContinuesWithTheCheckpointsItHadNotProbed() throws IOException {
        Path out = tmp.resolve("stopped");
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        DynamicsCommand stopping = new DynamicsCommand(tester.runs(), TestCompute.SERVICE);
        stopping.rowListener = row -> {
            if (row.step() == 4) {
                throw new IllegalStateException("stopped after step 4");
            }
        };
        CommandTester.Result first = tester.execute("openfold", stopping, "--run", trainRun.resolve("checkpoints").toString(), "--out",
                out.toString());
        assertEquals(1, first.exitCode(), first.err());
        List<String> before = Files.readAllLines(out.resolve(ProbeTable.JSONL));
        assertEquals(2, before.size(), before.toString());

        CommandTester.Result rest = dynamics(null, "--run", trainRun.resolve("checkpoints").toString(), "--out", out.toString());
        assertEquals(0, rest.exitCode(), rest.err() + rest.out());
        assertFalse(rest.out().contains("step 2 ") || rest.out().contains("step 4 "), rest.out());
        assertTrue(rest.out().contains("step 6 "), rest.out());
        List<String> after = Files.readAllLines(out.resolve(ProbeTable.JSONL));
        assertEquals(3, after.size());
        assertEquals(before, after.subList(0, 2));
        assertTrajectory(out.resolve("trajectory_2sdf_model1_A.pdb"), 67);
    }

    @Test
    void badRunsCheckpointsAndProbeFilesAreOneLineUsageErrors() throws IOException {
        Path out = tmp.resolve("bad");
        Path notARun = Files.createDirectories(tmp.resolve("empty"));
        CommandTester.Result noRun = dynamics(null, "--run", notARun.toString(), "--out", out.toString());
        assertUsage(noRun, "--run " + notARun + ": " + notARun.resolve("run.json") + ": no such file; not a run directory of openfold train");

        Path noCheckpoints = Files.createDirectories(tmp.resolve("nocheckpoints"));
        Files.copy(trainRun.resolve("run.json"), noCheckpoints.resolve("run.json"));
        assertUsage(dynamics(null, "--run", noCheckpoints.toString(), "--out", out.toString()),
                "no complete checkpoint in " + noCheckpoints.resolve("checkpoints"));

        Path otherConfig = Files.createDirectories(tmp.resolve("other/checkpoints")).getParent();
        ObjectMapper json = new ObjectMapper();
        ObjectNode record = (ObjectNode) json.readTree(trainRun.resolve("run.json").toFile());
        ((ObjectNode) record.get("config")).put("preset", "tiny");
        json.writeValue(otherConfig.resolve("run.json").toFile(), record);
        Files.copy(trainRun.resolve("checkpoints/step-000000002.safetensors"), otherConfig.resolve("checkpoints/step-000000002.safetensors"));
        CommandTester.Result mismatch = dynamics(null, "--run", otherConfig.toString(), "--out", out.toString());
        assertUsage(mismatch, otherConfig.resolve("checkpoints/step-000000002.safetensors") + ": tensor ");
        assertTrue(mismatch.err().contains("a checkpoint of another configuration?"), mismatch.err());

        Path garbage = Files.writeString(tmp.resolve("garbage.pdb"), "not a structure\n");
        assertUsage(dynamics(null, "--run", trainRun.toString(), "--probe", garbage.toString(), "--out", out.toString()),
                "--probe " + garbage + ": " + garbage + ": no ATOM or HETATM records");
        Path missingMsa = tmp.resolve("missing.a3m");
        assertUsage(dynamics(null, "--run", trainRun.toString(), "--probe", PROBE + "," + missingMsa, "--out", out.toString()),
                "--probe " + missingMsa + ": no such file");
        assertUsage(dynamics(null, "--run", trainRun.toString(), "--share", "0", "--out", out.toString()),
                "--share 0.0: must be above 0 and at most 1");
        assertFalse(Files.exists(out), "no run directory for a usage error");
    }

    private static void assertUsage(CommandTester.Result result, String message) {
        assertEquals(2, result.exitCode(), result.err() + result.out());
        assertTrue(result.err().contains(message), result.err());
        assertFalse(result.stackTrace(), result.err());
    }

    private static void assertInRange(ProbeRow row) {
        String text = row.toString();
        if (row.dimension() > 0) {
            assertTrue(row.shape().pc1() >= 1.0 / 3 - 1e-9 && row.shape().pc1() <= 1 + 1e-9, text);
            assertTrue(row.shape().pc12() >= row.shape().pc1() - 1e-12 && row.shape().pc12() <= 1 + 1e-9, text);
            assertEquals(1.0, row.shape().pc123(), 1e-12, text);
        }
        assertTrue(row.dimension() >= 0 && row.dimension() <= 3, text);
        assertTrue(row.shape().radiusOfGyration() >= 0, text);
        assertTrue(row.lddtCa() >= 0 && row.lddtCa() <= 1, text);
        assertTrue(row.helix() >= 0 && row.strand() >= 0 && row.helix() + row.strand() <= 1, text);
        assertTrue(row.meanPlddt() >= 0 && row.meanPlddt() <= 100, text);
    }

    /** One MODEL per checkpoint, numbered from 1, each a whole chain that the plugin's PDB reader reads back. */
    private void assertTrajectory(Path file, int residues) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals("END", lines.get(lines.size() - 1));
        List<List<String>> models = new ArrayList<>();
        List<String> current = null;
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (line.startsWith("MODEL ")) {
                assertEquals(null, current, "MODEL inside a model: " + line);
                assertEquals(String.format("MODEL     %4d", models.size() + 1), line);
                current = new ArrayList<>();
            } else if (line.equals("ENDMDL")) {
                models.add(current);
                current = null;
            } else {
                assertTrue(current != null && (line.startsWith("ATOM  ") || line.startsWith("TER")), line);
                current.add(line);
            }
        }
        assertEquals(null, current, "the last model has no ENDMDL");
        int modelCount = 0;
        for (List<String> model : models) {
            Path single = Files.writeString(tmp.resolve("model" + ++modelCount + ".pdb"), String.join("\n", model) + "\n");
            ProteinChain chain = PdbReader.read(single).chain(null);
            assertEquals(residues, chain.length(), file + " model " + modelCount);
            assertEquals(residues, chain.countResolvedCa(), file + " model " + modelCount);
        }
        assertEquals(STEPS.size(), modelCount, file.toString());
    }
}
