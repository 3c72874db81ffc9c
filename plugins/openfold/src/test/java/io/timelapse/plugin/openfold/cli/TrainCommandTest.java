package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.modelio.WeightsFile;
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
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openfold train}: metrics, evaluations, checkpoints and weights predict can load; a stopped run resumes; bad input. */
class TrainCommandTest {

    /** Model 1 of the NMR ensemble 2SDF: 67 residues. */
    private static final String CHAIN = Fixtures.resourcePath("theseus/2sdf_model1.pdb.gz").toString();

    @TempDir
    Path tmp;

    /** The command with small settings; {@code changed} are option-value pairs replacing or adding to them. */
    private CommandTester.Result train(Path out, TrainingLoop.Listener listener, String... changed) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        TrainCommand command = new TrainCommand(tester.runs(), TestCompute.SERVICE);
        if (listener != null) {
            command.stepListener = listener;
        }
        Map<String, String> options = new LinkedHashMap<>(Map.of("--structure", CHAIN, "--preset", "micro", "--crop", "12", "--steps", "4",
                "--warmup", "2", "--eval-every", "2", "--checkpoint-every", "2", "--seed", "3", "--out", out.toString()));
        for (int i = 0; i < changed.length; i += 2) {
            options.put(changed[i], changed[i + 1]);
        }
        List<String> args = new ArrayList<>();
        options.forEach((name, value) -> args.addAll(List.of(name, value)));
        return tester.execute("openfold", command, args.toArray(String[]::new));
    }

    @Test
    void writesMetricsEvaluationsCheckpointsAndWeightsThatLoad() throws IOException {
        Path out = tmp.resolve("run");
        CommandTester.Result result = train(out, null, "--checkpoints", "steps:0+log2");
        assertEquals(0, result.exitCode(), result.err() + result.out());
        try (var files = Files.list(out.resolve("checkpoints"))) {
            assertEquals(List.of("step-000000000.safetensors", "step-000000001.safetensors", "step-000000002.safetensors",
                    "step-000000004.safetensors"), files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".safetensors"))
                    .sorted().toList(), "steps:0+log2 and every 2 steps");
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(5, metrics.size(), metrics.toString());
        List<String> columns = List.of(metrics.get(0).split(","));
        for (String column : List.of("loss", "fape", "supervised_chi", "distogram", "masked_msa", "plddt_loss", "grad_norm", "lr",
                "lddt_ca", "finite.fape")) {
            assertTrue(columns.contains(column), column + " in " + columns);
        }
        assertFalse(columns.contains("experimentally_resolved"), "zero-weight terms are not built: " + columns);
        String[] second = metrics.get(2).split(",");
        // The warm-up: step 2 ran at lr 1e-3 · 1/2.
        assertEquals(5e-4, Double.parseDouble(second[columns.indexOf("lr")]), 1e-12);
        double loss = Double.parseDouble(second[columns.indexOf("loss")]);
        assertTrue(loss > 0 && Double.isFinite(loss), metrics.get(2));
        List<String> eval = Files.readAllLines(out.resolve(TrainCommand.EVAL_CSV));
        assertEquals(List.of("step", "2", "4"), eval.stream().map(line -> line.split(",")[0]).toList());
        double lddt = Double.parseDouble(eval.get(2).split(",")[1]);
        assertTrue(lddt > 0 && lddt < 1, eval.toString());
        assertTrue(Files.exists(out.resolve("checkpoints/step-000000004.safetensors")));

        Path weights = out.resolve(TrainCommand.WEIGHTS);
        assertEquals(Optional.of("micro"), WeightsFile.configName(weights));
        // Every parameter of the micro model under its OpenFold name, so predict --weights loads the file exactly.
        try (Graph graph = TestCompute.SERVICE.newGraph(0); SafetensorsFile store = SafetensorsFile.open(weights)) {
            AlphaFold model = new AlphaFold(graph.ops(), AlphaFoldConfig.preset("micro").model(), DType.F32);
            assertEquals(new TreeSet<>(model.parameters().keySet()), new TreeSet<>(store.names()));
        }
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results");
        assertEquals(4, results.get("steps").asInt());
        assertEquals(12, results.get("crop").asInt());
        assertEquals(67, results.get("residues").asInt());
        assertEquals(lddt, results.get("final_lddt_ca").asDouble(), 1e-6);
        assertTrue(result.out().contains("trained 4 steps; the chain's lDDT-Ca without dropout (averaged weights)"), result.out());
    }

    @Test
    void aStoppedRunResumesToTheWeightsOfAnUninterruptedOne() throws IOException {
        Path whole = tmp.resolve("whole");
        assertEquals(0, train(whole, null).exitCode());
        Path stopped = tmp.resolve("stopped");
        CommandTester.Result first = train(stopped, new TrainingLoop.Listener() {
            @Override
            public void stepCompleted(long completedSteps, Map<String, Double> metrics) {
                if (completedSteps == 3) {
                    throw new IllegalStateException("stopped after step 3");
                }
            }
        });
        assertEquals(1, first.exitCode(), first.err());
        assertFalse(Files.exists(stopped.resolve(TrainCommand.WEIGHTS)));
        CommandTester.Result again = train(stopped, null);
        assertEquals(0, again.exitCode(), again.err() + again.out());
        assertTrue(again.out().contains("trained 4 steps (resumed at step 2)"), again.out());
        assertTensorsEqual(whole.resolve("checkpoints/step-000000004.safetensors"), stopped.resolve("checkpoints/step-000000004.safetensors"));
        assertTensorsEqual(whole.resolve(TrainCommand.WEIGHTS), stopped.resolve(TrainCommand.WEIGHTS));
        CommandTester.Result done = train(stopped, null);
        assertEquals(0, done.exitCode(), done.err());
        assertTrue(done.out().contains("is complete: 4 steps"), done.out());
    }

    /** The same tensors with the same bits: a lost or repeated step, or a drifting sum, changes them. */
    private static void assertTensorsEqual(Path expected, Path actual) throws IOException {
        try (SafetensorsFile a = SafetensorsFile.open(expected); SafetensorsFile b = SafetensorsFile.open(actual)) {
            assertEquals(a.names(), b.names());
            for (String name : a.names()) {
                assertEquals(a.tensor(name).data(), b.tensor(name).data(), name);
            }
        }
    }

    @Test
    void aCropLargerThanTheChainAMissingFileAndAnUnknownConfigAreUsageErrors() {
        Path out = tmp.resolve("bad");
        CommandTester.Result crop = train(out, null, "--crop", "80");
        assertEquals(2, crop.exitCode(), crop.err());
        assertTrue(crop.err().contains("--crop 80: larger than chain"), crop.err());
        assertTrue(crop.err().contains("which has 67 residues"), crop.err());
        CommandTester.Result config = train(out, null, "--preset", "huge");
        assertEquals(2, config.exitCode(), config.err());
        assertTrue(config.err().contains("--preset huge: unknown config preset \"huge\""), config.err());
        CommandTester.Result msa = train(out, null, "--msa", tmp.resolve("none.a3m").toString());
        assertEquals(2, msa.exitCode(), msa.err());
        assertTrue(msa.err().contains("--msa " + tmp.resolve("none.a3m") + ": no such file"), msa.err());
        CommandTester.Result schedule = train(out, null, "--checkpoints", "often");
        assertEquals(2, schedule.exitCode(), schedule.err());
        assertTrue(schedule.err().contains("--checkpoints often: checkpoint schedule 'often': unknown part 'often'"), schedule.err());
        for (CommandTester.Result result : List.of(crop, config, msa, schedule)) {
            assertFalse(result.stackTrace(), result.err());
        }
        assertFalse(Files.exists(out), "no run directory for a usage error");
    }
}
