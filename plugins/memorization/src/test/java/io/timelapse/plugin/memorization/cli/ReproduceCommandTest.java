package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.plugin.memorization.reproduce.FortuneCorpus;
import io.timelapse.plugin.memorization.reproduce.ModelSize;
import io.timelapse.plugin.memorization.reproduce.Reproduction;
import io.timelapse.plugin.memorization.reproduce.ReproductionConfig;
import io.timelapse.plugin.memorization.scoring.TinyModel;
import io.timelapse.plugin.memorization.table.ModelIdentity;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memorization reproduce} on a small corpus written by the test. */
class ReproduceCommandTest {

    private static final String[] SIZES = {"--size", "a:1:8:1", "--size", "b:1:16:2"};

    @TempDir
    Path tmp;

    /** Two fortune files of {@code documents} quotations of about 400 characters each. */
    private Path corpus(int documents) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fortunes"));
        String[] words = {"kernel", "compiler", "pointer", "monk", "zebra", "disk", "scroll", "tortoise", "lambda", "daemon", "packet", "bug"};
        for (int file = 0; file < 2; file++) {
            StringBuilder text = new StringBuilder();
            for (int d = file; d < documents; d += 2) {
                StringBuilder quotation = new StringBuilder();
                for (int w = 0; quotation.length() < 400; w++) {
                    quotation.append(words[(d * 7 + w * (d % 5 + 1)) % words.length]).append(w % 9 == 8 ? ".\n" : " ");
                }
                text.append(quotation).append("\n%\n");
            }
            Files.writeString(dir.resolve(file == 0 ? "computers" : "science"), text.toString());
            Files.writeString(dir.resolve((file == 0 ? "computers" : "science") + ".dat"), "index, not fortunes");
        }
        return dir;
    }

    private Result reproduce(CommandTester tester, String... args) {
        return tester.execute("memorization", new ReproduceCommand(tester.runs(), TinyModel.MODELS, TinyModel.COMPUTE, ScoreCommandTest.NO_LAYOUT), args);
    }

    @Test
    void seedZeroIsUsedAsZeroAndEveryInputIsRecorded() throws Exception {
        Path fortunes = corpus(24);
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("out");
        Result result = reproduce(tester, "--corpus", fortunes.toString(), SIZES[0], SIZES[1], SIZES[2], SIZES[3], "--epochs", "4", "--seed", "0",
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());

        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(0, run.get("seed").asLong());
        assertEquals(TinyModel.COMPUTE.device().summary(), run.get("device").asText());
        Map<String, String> inputs = new HashMap<>();
        run.get("inputs").forEach(input -> inputs.put(input.get("path").asText(), input.get("sha256").asText()));
        assertEquals(2, inputs.size(), inputs.toString());
        for (String file : new String[] {"computers", "science"}) {
            Path path = fortunes.resolve(file).toAbsolutePath().normalize();
            assertEquals(ScoreCommandTest.sha256(path), inputs.get(path.toString()), path + " in " + inputs);
        }

        // The rows are those of seed 0, which differ from those of the default seed 1234.
        ReproductionConfig config = ReproductionConfig.defaults().with(List.of(ModelSize.parse("a:1:8:1"), ModelSize.parse("b:1:16:2")), null, 4, 0);
        List<String> documents = FortuneCorpus.read(FortuneCorpus.files(fortunes));
        int[] seedZero = Reproduction.rows(config, documents, GptNeoXTokenizer.load()).rows();
        int[] written = Npy.read(out.resolve("data/rows.npy")).asIntArray();
        assertArrayEquals(seedZero, written);
        int[] defaultSeed = Reproduction.rows(config.with(null, null, null, 1234), documents, GptNeoXTokenizer.load()).rows();
        assertFalse(java.util.Arrays.equals(defaultSeed, written), "seed 0 must not fall back to 1234");

        // Each model's training record sits next to its checkpoints, and its tables' compute comes from it.
        Path record = out.resolve("models/b/training.json");
        JsonNode training = new ObjectMapper().readTree(record.toFile());
        assertEquals(16, training.get("batch_size").asInt());
        assertEquals(64, training.get("sequence_length").asInt());
        assertEquals(0, training.get("seed").asLong());
        try (Stream<Path> tables = Files.list(out.resolve("scores"))) {
            for (Path table : tables.filter(t -> t.getFileName().toString().startsWith("b-")).toList()) {
                ModelIdentity model = ScoreTableFiles.read(table).header().model();
                assertEquals(record.toString(), model.training().source());
                assertEquals(model.step() * 16 * 64, model.trainedTokens());
            }
        }
    }

    @Test
    void badOptionsAreRefusedBeforeARunStarts() throws IOException {
        Path fortunes = corpus(24);
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("out");
        String corpus = fortunes.toString();
        Usage.assertRefused(reproduce(tester, "--corpus", tmp.resolve("none").toString(), "--out", out.toString()),
                "--corpus " + tmp.resolve("none") + ": no such directory; install the fortunes with 'apt-get install -y fortunes'", out);
        Usage.assertRefused(reproduce(tester, "--corpus", corpus, "--epochs", "3", "--out", out.toString()),
                "--epochs 3: must be at least 4, one per checkpoint", out);
        Usage.assertRefused(reproduce(tester, "--corpus", corpus, "--documents", "-1", "--out", out.toString()), "--documents -1: must be ≥ 0", out);
        Usage.assertRefused(reproduce(tester, "--corpus", corpus, "--size", "a:1:8", "--size", "b:1:8:1", "--out", out.toString()),
                "--size a:1:8: a model size is NAME:LAYERS:HIDDEN:HEADS", out);
        Usage.assertRefused(reproduce(tester, "--corpus", corpus, "--size", "a:1:10:3", "--size", "b:1:8:1", "--out", out.toString()),
                "--size a:1:10:3: layers, hidden size and heads must be ≥ 1, and the hidden size a multiple of the heads", out);
        Usage.assertRefused(reproduce(tester, "--corpus", corpus, "--size", "a:1:8:1", "--size", "a:1:16:2", "--out", out.toString()),
                "--size: each model size needs its own name", out);
        Usage.assertRefused(reproduce(tester, "--corpus", corpus, "--documents", "2", "--out", out.toString()),
                "--corpus " + corpus + ": 2 documents of at least 350 characters give", out);
        Files.createDirectories(tmp.resolve("empty"));
        Usage.assertRefused(reproduce(tester, "--corpus", tmp.resolve("empty").toString(), "--out", out.toString()),
                "--corpus " + tmp.resolve("empty") + ": no fortune files here", out);
    }

    /** {@code rows} rows of 65 GPT-NeoX ids in training order: a text of a few words, one passage repeated every third row. */
    private Path neoxRows(int rows) throws IOException {
        int[] words = {12092, 1533, 32490, 10295, 253, 285, 273, 275};
        int[] tokens = new int[rows * 65];
        for (int i = 0; i < tokens.length; i++) {
            int row = i / 65;
            tokens[i] = row % 3 == 0 ? words[(i % 65) % words.length] : words[(i * 7 + row) % words.length];
        }
        Path file = tmp.resolve("rows.npy");
        Npy.writeInts(file, io.timelapse.lib.npy.DType.INT32, tokens, rows, 65);
        return file;
    }

    @Test
    void onePassOverGivenRowsComparesThePapersCheckpointsOnTheRowsTheEarliestHasSeen() throws Exception {
        Path rows = neoxRows(320);
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("out");
        Result result = reproduce(tester, "--data", rows.toString(), SIZES[0], SIZES[1], SIZES[2], SIZES[3], "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());

        // 320 rows of 32 a step: one pass of 10 steps; Pythia's compared steps 23,000 … 143,000 of 143,000 scaled to 10.
        assertTrue(result.out().contains("one pass of 10 steps × 32 rows, checkpoints compared at steps 2,3,4,6,7,9,10"), result.out());
        JsonNode training = new ObjectMapper().readTree(out.resolve("models/b/training.json").toFile());
        assertEquals(32, training.get("batch_size").asInt());
        assertEquals(64, training.get("sequence_length").asInt());
        try (Stream<Path> tables = Files.list(out.resolve("scores"))) {
            assertEquals(List.of("a-step10", "a-step2", "a-step3", "a-step4", "a-step6", "a-step7", "a-step9", "b-step10", "b-step2", "b-step3",
                    "b-step4", "b-step6", "b-step7", "b-step9"), tables.map(t -> t.getFileName().toString()).sorted().toList());
        }
        // The compared checkpoints are scored on the rows the earliest (step 2) trained on, [0, 64); the last ones, where the
        // sizes are compared, on every row.
        assertEquals(64, ScoreTableFiles.read(out.resolve("scores/a-step9")).size());
        assertEquals(320, ScoreTableFiles.read(out.resolve("scores/a-step10")).size());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| b@step2 |"), summary);
        assertTrue(summary.contains("every compared checkpoint scored on rows [0, 64), the last ones on rows [0, 320)"), summary);
        // Both strategies side by side at their share of the target's compute, from each model's own training record.
        assertTrue(summary.contains("## Both at equal compute"), summary);
        List<String> matched = Files.readAllLines(out.resolve("compute-matched/compute_matched.csv"));
        assertEquals("strategy,predictor,target,compute_fraction_of_target,precision,recall,fpr,fnr", matched.get(0));
        assertEquals(1 + 1 + 6, matched.size(), matched.toString());
        assertTrue(matched.get(1).startsWith("smaller models,a@step10,b@step10,"), matched.get(1));
        assertTrue(matched.get(2).startsWith("intermediate checkpoints,b@step2,b@step10,0.2,"), matched.get(2));
        assertTrue(Files.isRegularFile(out.resolve("compute-matched/recall_vs_compute.png")));
        // The dense vocabulary maps back to the GPT-NeoX ids of the rows.
        assertArrayEquals(new int[] {0, 253, 273, 275, 285, 1533, 10295, 12092, 32490},
                Npy.read(out.resolve("data/vocab_neox_ids.npy")).asIntArray());
    }

    @Test
    void onePassRefusesFortuneOptionsAndTooFewRows() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("out");
        Path rows = neoxRows(192);
        Usage.assertRefused(reproduce(tester, "--data", rows.toString(), "--epochs", "4", "--out", out.toString()),
                "--data trains one pass over its rows: --corpus, --documents and --epochs do not apply", out);
        Usage.assertRefused(reproduce(tester, "--data", rows.toString(), "--out", out.toString()),
                "--data " + rows + ": 6 steps are too few for the paper's 7 compared checkpoints; give more rows", out);
        Usage.assertRefused(reproduce(tester, "--data", tmp.resolve("none.npy").toString(), "--out", out.toString()),
                "--data " + tmp.resolve("none.npy") + ": no such file or directory", out);
    }

    @Test
    void reproduceAndDemoUseGptNeoXsSeedByDefault() {
        assertEquals(1234, ReproduceCommand.class.getAnnotation(DefaultSeed.class).value());
        assertEquals(1234, DemoCommand.class.getAnnotation(DefaultSeed.class).value());
        assertTrue(ReproductionConfig.defaults().seed() == 1234 && ReproductionConfig.demo().seed() == 1234);
    }
}
