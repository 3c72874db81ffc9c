package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.plugin.openfold.dataset.ChainFilters;
import io.timelapse.plugin.openfold.dataset.DatasetBuilder;
import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.training.DatasetExamples;
import io.timelapse.plugin.openfold.training.TrainingExample;
import io.timelapse.plugin.openfold.testing.TestCompute;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openfold train --data}: training on a data set of four real trypsin chains (theseus-examples), validation on a
 * held-out split, batches, the weight average, an exact resume, and bad data-set input.
 */
class TrainOnDatasetTest {

    /** The four trypsins, one held out for validation. */
    private static final List<String> TRAINING = List.of("1A0J_A", "1F7Z_A", "1SGF_A");
    private static final String HELD_OUT = "1KDQ_A";

    @TempDir
    static Path data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildDataset() throws IOException {
        Path family = Files.createDirectories(data.resolve("in/tryps4"));
        try (Stream<Path> files = Files.list(Fixtures.resourcePath("dataset/tryps4"))) {
            for (Path file : files.toList()) {
                Files.copy(file, family.resolve(file.getFileName()));
            }
        }
        DatasetManifest all = new DatasetBuilder(ChainFilters.openFold(), PipelineConfig.tiny(), 2)
                .build(List.of(data.resolve("in")), data.resolve("set")).manifest();
        assertEquals(4, all.chains().size());
        write(all, "train", TRAINING);
        write(all, "held", List.of(HELD_OUT));
        write(all, "overlap", List.of(HELD_OUT, "1SGF_A"));
    }

    private static void write(DatasetManifest all, String name, List<String> ids) throws IOException {
        all.withChains(name, all.chains().stream().filter(chain -> ids.contains(chain.id())).toList())
                .write(data.resolve("set/manifest." + name + ".json"));
    }

    /** The command on the data set with small settings; {@code changed} are option-value pairs replacing or adding to them. */
    private CommandTester.Result train(Path out, TrainingLoop.Listener listener, String... changed) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        TrainCommand command = new TrainCommand(tester.runs(), TestCompute.SERVICE);
        if (listener != null) {
            command.stepListener = listener;
        }
        Map<String, String> options = new LinkedHashMap<>(Map.of("--data", data.resolve("set").toString(), "--split", "train",
                "--model-config", "micro", "--crop", "16", "--steps", "4", "--warmup", "2", "--eval-every", "2", "--checkpoint-every", "2",
                "--seed", "5", "--out", out.toString()));
        for (int i = 0; i < changed.length; i += 2) {
            if (changed[i + 1] == null) {
                options.remove(changed[i]);
            } else {
                options.put(changed[i], changed[i + 1]);
            }
        }
        List<String> args = new ArrayList<>();
        options.forEach((name, value) -> args.addAll(List.of(name, value)));
        return tester.execute("openfold", command, args.toArray(String[]::new));
    }

    @Test
    void aTinyRunOnRealChainsLowersEveryLossTerm() throws IOException {
        Path out = tmp.resolve("tiny");
        CommandTester.Result result = train(out, null, "--model-config", "tiny", "--crop", "32", "--steps", "80", "--warmup", "10",
                "--lr", "2e-3", "--eval-every", "0", "--checkpoint-every", "80");
        assertEquals(0, result.exitCode(), result.err() + result.out());
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> columns = List.of(lines.get(0).split(","));
        List<String> terms = List.of("fape", "supervised_chi", "distogram", "masked_msa", "plddt_loss");
        assertTrue(columns.containsAll(terms), columns.toString());
        for (String term : terms) {
            int column = columns.indexOf(term);
            double[] values = lines.subList(1, lines.size()).stream().mapToDouble(line -> Double.parseDouble(line.split(",")[column]))
                    .toArray();
            assertEquals(80, values.length);
            double first = Arrays.stream(values, 0, 20).average().orElseThrow();
            double last = Arrays.stream(values, 60, 80).average().orElseThrow();
            assertTrue(last < first, term + ": mean of steps 1-20 " + first + ", of steps 61-80 " + last);
        }
    }

    @Test
    void validatesOnTheHeldOutChainWithTheAveragedWeightsAndSavesThem() throws IOException {
        Path out = tmp.resolve("validated");
        CommandTester.Result result = train(out, null, "--validation", "held", "--batch", "2", "--ema", "0.9");
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertFalse(result.err().contains("warning"), result.err());
        List<String> rows = Files.readAllLines(out.resolve(TrainCommand.VALIDATION_CSV));
        assertEquals("step,chain,residues,lddt_ca,gdt_ts,gdt_ha,rmsd_ca", rows.get(0));
        assertEquals(List.of("2", "4"), rows.subList(1, rows.size()).stream().map(row -> row.split(",")[0]).toList());
        String[] last = rows.get(2).split(",");
        assertEquals(HELD_OUT, last[1]);
        assertEquals("130", last[2]);
        double lddt = Double.parseDouble(last[3]);
        assertTrue(lddt >= 0 && lddt < 1, rows.toString());
        assertTrue(Double.parseDouble(last[6]) > 0, "an RMSD in Å: " + rows);
        assertTrue(Files.isDirectory(out.resolve("validation/tensorboard")), "the validation means go to TensorBoard");
        assertEquals(3, Files.readAllLines(out.resolve("validation/metrics.csv")).size());
        for (String figure : List.of("validation_lddt_ca_vs_step", "validation_gdt_ts_vs_step")) {
            assertTrue(Files.size(out.resolve(figure + ".png")) > 1000 && Files.exists(out.resolve(figure + ".svg")), figure);
        }

        // weights.safetensors holds the average, and the last checkpoint holds both it and the trained weights.
        try (SafetensorsFile weights = SafetensorsFile.open(out.resolve(TrainCommand.WEIGHTS));
                SafetensorsFile checkpoint = SafetensorsFile.open(out.resolve("checkpoints/step-000000004.safetensors"))) {
            String name = "evoformer.blocks.0.msa_transition.linear_1.weight";
            assertTrue(checkpoint.contains("ema." + name) && checkpoint.contains(name) && checkpoint.contains("accum." + name),
                    "parameters, their averages and the batch's gradient sums are checkpointed");
            assertEquals(checkpoint.tensor("ema." + name).data(), weights.tensor(name).data());
            assertFalse(checkpoint.tensor(name).data().equals(weights.tensor(name).data()), "the average differs from the weights");
        }
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results");
        assertEquals(3, results.get("training_chains").asInt());
        assertDynamicsProbesTheRun(out);
        assertPredictRunsACheckpoint(out);
        assertEquals(List.of(HELD_OUT), List.of(results.get("validation_chains").get(0).asText()));
        assertEquals(2, results.get("batch").asInt());
        assertEquals(lddt, results.get("final_validation_lddt_ca").asDouble(), 1e-6);
    }

    /** A run on a data set has no chain of its own: dynamics asks for --probe, then predicts the probe with raw or averaged weights. */
    private void assertDynamicsProbesTheRun(Path trained) throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        CommandTester.Result bare = tester.execute("openfold", new DynamicsCommand(tester.runs(), TestCompute.SERVICE), "--run",
                trained.toString(), "--out", tmp.resolve("probe0").toString());
        assertEquals(2, bare.exitCode(), bare.err());
        assertTrue(bare.err().contains("a run on a data set has no chain of its own; name the chains to probe with --probe"), bare.err());
        String probe = data.resolve("in/tryps4/" + HELD_OUT + ".pdb.gz") + "," + data.resolve("set/msas/" + HELD_OUT + ".a3m");
        for (String weights : List.of("raw", "ema")) {
            Path out = tmp.resolve("probe-" + weights);
            CommandTester.Result probed = tester.execute("openfold", new DynamicsCommand(tester.runs(), TestCompute.SERVICE), "--run",
                    trained.toString(), "--probe", probe, "--weights", weights, "--out", out.toString());
            assertEquals(0, probed.exitCode(), probed.err() + probed.out());
            List<String> rows = Files.readAllLines(out.resolve("dynamics.csv"));
            assertEquals(3, rows.size(), "the checkpoints of steps 2 and 4: " + rows);
            assertEquals(weights, new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results").get("weights").asText());
        }
        assertFalse(Arrays.equals(Files.readAllBytes(tmp.resolve("probe-raw/intermediate/1KDQ_A_A/step-000000004.pdb")),
                Files.readAllBytes(tmp.resolve("probe-ema/intermediate/1KDQ_A_A/step-000000004.pdb"))), "the average predicts another structure");
    }

    /** predict on a checkpoint: the configuration and recycling of its run, raw or averaged weights. */
    private void assertPredictRunsACheckpoint(Path trained) throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path checkpoint = trained.resolve("checkpoints/step-000000004.safetensors");
        Path structure = data.resolve("in/tryps4/" + HELD_OUT + ".pdb.gz");
        for (String weights : List.of("raw", "ema")) {
            List<String> args = new ArrayList<>(List.of("--weights", checkpoint.toString(), "--structure", structure.toString(), "--out",
                    tmp.resolve("predict-" + weights).toString()));
            if (weights.equals("ema")) {
                args.add("--ema");
            }
            CommandTester.Result predicted = tester.execute("openfold", new PredictCommand(tester.runs(), TestCompute.SERVICE),
                    args.toArray(String[]::new));
            assertEquals(0, predicted.exitCode(), predicted.err() + predicted.out());
            JsonNode results = new ObjectMapper().readTree(tmp.resolve("predict-" + weights + "/run.json").toFile()).get("results");
            assertEquals("micro", results.get("config").asText(), "the configuration of the checkpoint's run");
            assertEquals(0, results.get("recycles").asInt(), "the recycling of the checkpoint's run");
        }
        assertFalse(Arrays.equals(Files.readAllBytes(tmp.resolve("predict-raw/prediction.pdb")),
                Files.readAllBytes(tmp.resolve("predict-ema/prediction.pdb"))));
        CommandTester.Result notACheckpoint = tester.execute("openfold", new PredictCommand(tester.runs(), TestCompute.SERVICE), "--weights",
                trained.resolve(TrainCommand.WEIGHTS).toString(), "--ema", "--structure", structure.toString(), "--out",
                tmp.resolve("predict-bad").toString());
        assertEquals(2, notACheckpoint.exitCode(), notACheckpoint.err());
        assertTrue(notACheckpoint.err().contains("--ema: only a checkpoint of openfold train holds averaged weights"), notACheckpoint.err());
    }

    @Test
    void aKilledRunResumesToBitIdenticalWeightsOptimizerSlotsAverageAndDataOrder() throws IOException {
        String[] settings = {"--batch", "2", "--ema", "0.9", "--recycles", "1"};
        Path whole = tmp.resolve("whole");
        CommandTester.Result uninterrupted = train(whole, null, settings);
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err() + uninterrupted.out());
        Path killed = tmp.resolve("killed");
        CommandTester.Result first = train(killed, new TrainingLoop.Listener() {
            @Override
            public void stepCompleted(long completedSteps, Map<String, Double> metrics) {
                if (completedSteps == 3) {
                    throw new IllegalStateException("killed after step 3");
                }
            }
        }, settings);
        assertEquals(1, first.exitCode(), first.err());
        CommandTester.Result again = train(killed, null, settings);
        assertEquals(0, again.exitCode(), again.err() + again.out());
        assertTrue(again.out().contains("trained 4 steps (resumed at step 2)"), again.out());
        try (SafetensorsFile a = SafetensorsFile.open(whole.resolve("checkpoints/step-000000004.safetensors"));
                SafetensorsFile b = SafetensorsFile.open(killed.resolve("checkpoints/step-000000004.safetensors"))) {
            assertEquals(a.names(), b.names());
            assertTrue(a.names().stream().anyMatch(name -> name.startsWith("ema.")), a.names().toString());
            assertTrue(a.names().stream().anyMatch(name -> name.contains("adam")), a.names().toString());
            List<String> differing = new ArrayList<>();
            for (String name : a.names()) {
                if (!a.tensor(name).data().equals(b.tensor(name).data())) {
                    differing.add(name);
                }
            }
            List<String> notAverages = differing.stream().filter(name -> !name.startsWith("ema.")).toList();
            assertEquals(List.of(), differing, differing.size() + " of " + a.names().size() + " differ after the resume; not averages: " + notAverages);
        }
        // The same examples in the same order: every metric of every step (losses, gradient norm) is identical.
        assertEquals(Files.readAllLines(whole.resolve("metrics.csv")), Files.readAllLines(killed.resolve("metrics.csv")));
    }

    @Test
    void aChainShorterThanTheCropIsTakenWholeAndPaddedWithItsPaddingMasked() throws IOException {
        Path manifest = data.resolve("set/manifest.held.json");
        PipelineConfig pipeline = PipelineConfig.openFoldTraining().withCropSize(140).withMsaLimits(8, 16);
        DatasetExamples examples = new DatasetExamples(manifest, DatasetManifest.read(manifest), pipeline, 2, 5);
        for (long step = 0; step < 3; step++) {
            TrainingExample example = examples.train(step, 0);
            assertEquals(140, example.residues());
            float[] mask = example.features().get("seq_mask").floats();
            assertEquals(140 * 2, mask.length, "140 residues, two recycling slices");
            double real = 0;
            for (int i = 0; i < mask.length; i++) {
                real += mask[i];
                if (i / 2 >= 130) {
                    assertEquals(0f, mask[i], "padding residue " + i / 2 + " is masked");
                }
            }
            assertEquals(2 * 130, real, "all 130 residues of 1KDQ_A in both slices");
            assertEquals(130, example.features().get("seq_length").ints()[0]);
        }
    }

    @Test
    void aValidationSplitThatOverlapsTrainingIsWarnedAbout() throws IOException {
        Path out = tmp.resolve("overlap");
        CommandTester.Result result = train(out, null, "--validation", "overlap", "--steps", "1", "--eval-every", "0");
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.err().contains("warning: --validation overlap: 1 of its 2 chains are also in the training split"), result.err());
        assertTrue(result.err().contains("1SGF_A"), result.err());
        JsonNode warnings = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results").get("warnings");
        assertTrue(warnings.get(0).asText().contains("1SGF_A"), warnings.toString());
    }

    @Test
    void aMissingManifestAMissingChainAndACheckpointOfAnotherConfigurationAreClearErrors() throws IOException {
        CommandTester.Result split = train(tmp.resolve("a"), null, "--split", "nothing");
        assertEquals(2, split.exitCode(), split.err());
        assertTrue(split.err().contains("--split nothing: no manifest " + data.resolve("set/manifest.nothing.json")), split.err());

        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken.resolve("features"));
        DatasetManifest manifest = DatasetManifest.read(data.resolve("set/manifest.train.json"));
        manifest.write(broken.resolve("manifest.json"));
        CommandTester.Result chain = train(tmp.resolve("b"), null, "--data", broken.toString(), "--split", null);
        assertEquals(2, chain.exitCode(), chain.err());
        assertTrue(chain.err().contains("--data " + broken + ": " + broken.resolve("manifest.json") + ": chain 1A0J_A has no features file"),
                chain.err());

        CommandTester.Result both = train(tmp.resolve("c"), null, "--structure", "x.pdb");
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("train on one chain or on a data set, not both"), both.err());

        Path out = tmp.resolve("d");
        CommandTester.Result two = train(out, null, "--steps", "2");
        assertEquals(0, two.exitCode(), two.err() + two.out());
        CommandTester.Result other = train(out, null, "--steps", "4", "--lr", "5e-4");
        assertEquals(2, other.exitCode(), other.err() + other.out());
        assertTrue(other.err().contains("holds a run of 'openfold train' with --steps 2, --lr 0.001"), other.err());
        // A checkpoint of another configuration among a new run's own is refused by name, not trained on.
        Path foreign = tmp.resolve("e/checkpoints");
        Files.createDirectories(foreign);
        Files.copy(out.resolve("checkpoints/step-000000002.safetensors"), foreign.resolve("step-000000002.safetensors"));
        CommandTester.Result checkpoint = train(tmp.resolve("e"), null, "--lr", "5e-4");
        assertEquals(1, checkpoint.exitCode(), checkpoint.err() + checkpoint.out());
        assertTrue(checkpoint.err().contains(foreign.resolve("step-000000002.safetensors").toString()), checkpoint.err());
        assertTrue(checkpoint.err().contains("refusing to resume from it"), checkpoint.err());
        for (CommandTester.Result result : List.of(split, chain, both, other, checkpoint)) {
            assertFalse(result.stackTrace(), result.err());
        }
    }
}
