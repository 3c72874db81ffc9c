package io.timelapse.plugin.dsb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.platform.lm.model.NeoXModels;
import io.timelapse.plugin.dsb.ngram.Divergences;
import io.timelapse.plugin.dsb.ngram.NgramTable;
import io.timelapse.testdata.TinyGptNeox;
import io.timelapse.plugin.dsb.TestCompute;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.NoTrainingDataLayout;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dsb ngram} on a two-checkpoint suite of the tiny GPT-NeoX fixture (vocabulary 512), as the CLI runs it. */
class NgramCommandTest {

    static final ComputeService COMPUTE = TestCompute.SERVICE;
    static final LanguageModels MODELS = new NeoXModels(COMPUTE);
    static final int VOCAB = 512;

    static final TrainingDataProvider NO_LAYOUT = NoTrainingDataLayout.INSTANCE;

    @TempDir
    static Path shared;

    static Path suite;
    static Path rows;

    @TempDir
    Path tmp;

    /** step0: the fixture's weights; step8: fresh weights from seed 7. Data: 40 rows of 33 tokens from a skewed chain. */
    @BeforeAll
    static void suiteAndData() throws IOException {
        suite = shared.resolve("suite");
        Path step0 = Files.createDirectories(suite.resolve("step0"));
        Files.copy(TinyGptNeox.file("config.json"), step0.resolve("config.json"));
        Files.copy(TinyGptNeox.file("model.safetensors"), step0.resolve("model.safetensors"));
        try (LanguageModel fresh = MODELS.create(MODELS.readConfig(TinyGptNeox.file("config.json")), 7)) {
            fresh.save(suite.resolve("step8"));
        }
        SplittableRandom random = new SplittableRandom(1);
        int[] tokens = new int[40 * 33];
        int prev = 0;
        for (int i = 0; i < tokens.length; i++) {
            prev = (prev * 7 + (int) Math.abs(random.nextGaussian() * 20)) % 60;
            tokens[i] = prev;
        }
        rows = shared.resolve("rows.npy");
        Npy.writeInts(rows, DType.INT32, tokens, 40, 33);
    }

    private Result ngram(CommandTester tester, String... args) {
        return tester.execute("dsb", new NgramCommand(tester.runs(), MODELS, NO_LAYOUT, COMPUTE), args);
    }

    private static String[] scoring(Path out, String... more) {
        String[] base = {"--data", rows.toString(), "--checkpoints", suite.toString(), "--sequences", "5", "--length", "17",
            "--real-sequences", "3", "--eval-batch", "2", "--bytes-per-token", "4", "--seed", "3", "--out", out.toString()};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void lossesAndDivergencesEqualAComputationFromTheModelsLogits() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("probe");
        Result result = ngram(tester, scoring(out));
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertFalse(result.stackTrace());

        List<NgramTable.Row> table = NgramTable.read(out.resolve("ngram.csv"));
        assertEquals(List.of(0L, 8L), table.stream().map(NgramTable.Row::step).toList());
        int[] unigram = Npy.read(out.resolve("unigram_sequences.npy")).asIntArray();
        int[] bigram = Npy.read(out.resolve("bigram_sequences.npy")).asIntArray();
        assertEquals(5 * 17, unigram.length);
        long[] unigramCounts = Npy.read(out.resolve("unigram_counts.npy")).asLongArray();
        long[] indptr = Npy.read(out.resolve("bigram_indptr.npy")).asLongArray();
        int[] indices = Npy.read(out.resolve("bigram_indices.npy")).asIntArray();
        long[] data = Npy.read(out.resolve("bigram_data.npy")).asLongArray();
        assertEquals(40L * 32, Arrays.stream(unigramCounts).sum());
        // Real text: windows of 16 tokens cut from the last rows backwards (two per 33-token row).
        int[] allRows = Npy.read(rows).asIntArray();
        int[] real = new int[3 * 16];
        System.arraycopy(allRows, 39 * 33, real, 0, 32);
        System.arraycopy(allRows, 38 * 33, real, 32, 16);

        // The models compute in float32, and the command runs them in batches of 2 rows while this test runs all rows at once:
        // matrix products of another row count may round differently (seen on some AVX-512 machines: 5e-8 in a loss of 11.4).
        double float32Rounding = 1e-6;
        for (NgramTable.Row row : table) {
            try (LanguageModel lm = MODELS.load(suite.resolve("step" + row.step()))) {
                assertEquals(meanLoss(lm, unigram), row.unigramLoss(), float32Rounding, "unigram loss at step " + row.step());
                assertEquals(meanLoss(lm, bigram), row.bigramLoss(), float32Rounding, "bigram loss at step " + row.step());
                assertEquals(row.unigramLoss() / (Math.log(2) * 4), row.unigramBitsPerByte(), 1e-12);
                double[][] logits = logits(lm, real, 3, 16);
                double uniKl = 0;
                double uniJs = 0;
                double biKl = 0;
                double biJs = 0;
                double[] unigramLogits = logOf(unigramCounts, 0, VOCAB, null);
                for (int p = 0; p < logits.length; p++) {
                    int prev = real[p];
                    double[] bigramLogits = logOf(data, (int) indptr[prev], (int) indptr[prev + 1], indices);
                    uniKl += Divergences.kl(unigramLogits, logits[p]);
                    uniJs += Divergences.js(unigramLogits, logits[p]);
                    biKl += Divergences.kl(bigramLogits, logits[p]);
                    biJs += Divergences.js(bigramLogits, logits[p]);
                }
                assertEquals(uniKl / logits.length, row.unigramKl(), float32Rounding);
                assertEquals(uniJs / logits.length, row.unigramJs(), float32Rounding);
                assertEquals(biKl / logits.length, row.bigramKl(), float32Rounding);
                assertEquals(biJs / logits.length, row.bigramJs(), float32Rounding);
            }
        }
        // The trained fixture and the fresh model predict differently.
        assertTrue(Math.abs(table.get(0).unigramLoss() - table.get(1).unigramLoss()) > 1e-3);
        assertTrue(Files.isRegularFile(out.resolve("ngram_loss.png")));
        assertTrue(Files.isRegularFile(out.resolve("ngram_divergence.png")));
        String runJson = Files.readString(out.resolve("run.json"));
        assertTrue(runJson.contains("model.safetensors") && runJson.contains("rows.npy"), runJson);
    }

    @Test
    void aResumedRunKeepsTheCheckpointsItHadScored() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("resume");
        assertEquals(0, ngram(tester, scoring(out)).exitCode());
        // As if killed after step 0: only its row is there, with a value no computation gives.
        List<String> lines = Files.readAllLines(out.resolve("ngram.csv"));
        String marked = lines.get(1).replaceFirst("^0,[^,]*,", "0,99.0,");
        Files.writeString(out.resolve("ngram.csv"), lines.get(0) + "\n" + marked + "\n");
        Path runJson = out.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("\"succeeded\"", "\"interrupted\""));

        Result resumed = ngram(tester, scoring(out));
        assertEquals(0, resumed.exitCode(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("resumed: 1 checkpoint(s) already scored [0]"), resumed.out());
        List<NgramTable.Row> table = NgramTable.read(out.resolve("ngram.csv"));
        assertEquals(List.of(0L, 8L), table.stream().map(NgramTable.Row::step).toList());
        assertEquals(99.0, table.get(0).unigramLoss(), "a finished checkpoint is not scored again");

        Result again = ngram(tester, scoring(out));
        assertEquals(0, again.exitCode());
        assertTrue(again.out().contains("is complete"), again.out());
    }

    @Test
    void throughStepCountsExactlyTheRowsTrainedByThatStep() throws IOException {
        // A pre-shuffled-style Megatron pair: 12 rows of 5 uint16 tokens, row r = r, r+1, ..., r+4.
        int rowCount = 12;
        int rowLength = 5;
        int[] tokens = new int[rowCount * rowLength];
        for (int r = 0; r < rowCount; r++) {
            for (int t = 0; t < rowLength; t++) {
                tokens[r * rowLength + t] = r + t;
            }
        }
        Path prefix = tmp.resolve("train_document");
        List<long[]> rows = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            rows.add(Arrays.stream(tokens, r * rowLength, (r + 1) * rowLength).asLongStream().toArray());
        }
        MMapIndexedDatasetWriter.write(prefix, TokenType.UINT16, rows);
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("through");
        Result result = ngram(tester, "--data", prefix + ".bin", "--vocabulary", "20", "--through-step", "2", "--batch-size", "3",
                "--sequences", "2", "--length", "4", "--bytes-per-token", "pile", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        long[] unigram = Npy.read(out.resolve("unigram_counts.npy")).asLongArray();
        long[] expected = new long[20];
        for (int r = 0; r < 2 * 3; r++) {
            for (int t = 0; t < rowLength - 1; t++) {
                expected[r + t]++;
            }
        }
        assertArrayEquals(expected, unigram);
        assertEquals(2L * 3 * (rowLength - 1), Arrays.stream(unigram).sum(), "S · B · L tokens");
        assertTrue(result.out().contains("counted 24 pairs of the first 6 sequences of"), result.out());
        assertTrue(Files.readString(out.resolve("run.json")).contains("train_document.idx"));
    }

    @Test
    void badInputIsOneLineWithoutAStackTrace() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path prefix = tmp.resolve("lonely");
        Files.write(tmp.resolve("lonely.bin"), new byte[10]);
        assertUsage(ngram(tester, "--data", prefix + ".bin", "--vocabulary", "20", "--out", tmp.resolve("a").toString()),
                "--data " + prefix + ".bin: no index file " + prefix + ".idx next to " + prefix + ".bin", tmp.resolve("a"));

        Path empty = tmp.resolve("empty.npy");
        Npy.writeInts(empty, DType.INT32, new int[0], 0, 17);
        assertUsage(ngram(tester, "--data", empty.toString(), "--vocabulary", "20", "--out", tmp.resolve("b").toString()),
                "--data " + empty + ": no pair of consecutive tokens to count", tmp.resolve("b"));

        Path stream = tmp.resolve("stream.npy");
        Npy.writeInts(stream, DType.INT32, new int[] {1, 2, 3, 4}, 4);
        assertUsage(ngram(tester, "--data", stream.toString(), "--vocabulary", "20", "--through-step", "1", "--batch-size", "1",
                "--out", tmp.resolve("c").toString()), "--through-step needs rows in training order, but --data " + stream
                + " is a single token stream", tmp.resolve("c"));

        assertUsage(ngram(tester, "--data", rows.toString(), "--checkpoints", suite.toString(), "--length", "200", "--out",
                tmp.resolve("d").toString()), "--length 200: the model at", tmp.resolve("d"));

        assertUsage(ngram(tester, "--data", rows.toString(), "--vocabulary", "20", "--bytes-per-token", "lots", "--out",
                tmp.resolve("e").toString()), "--bytes-per-token lots: expected gpt-neox, pile or a positive number", tmp.resolve("e"));

        // A token id beyond the vocabulary is found while counting: a failed run, exit code 1.
        Result tooBig = ngram(tester, "--data", rows.toString(), "--vocabulary", "50", "--out", tmp.resolve("f").toString());
        assertEquals(1, tooBig.exitCode(), tooBig.err());
        assertTrue(tooBig.err().contains(rows + " (40 rows of 33 tokens): sequence 0, position"), tooBig.err());
        assertTrue(tooBig.err().contains("is not below the vocabulary size 50 (--vocabulary)"), tooBig.err());
        assertEquals(1, tooBig.err().strip().lines().count(), tooBig.err());
        assertFalse(tooBig.stackTrace(), tooBig.err());
    }

    private static void assertUsage(Result result, String message, Path out) {
        TestData.assertError(result, 2, "error: " + message);
        assertFalse(Files.exists(out), "no run directory for a usage error");
    }

    /** Mean cross-entropy of tokens[t+1] given tokens[..t], from the logits over tokens[:, :-1]. */
    private static double meanLoss(LanguageModel lm, int[] sequences) {
        int n = sequences.length / 17;
        int[] inputs = new int[n * 16];
        for (int s = 0; s < n; s++) {
            System.arraycopy(sequences, s * 17, inputs, s * 16, 16);
        }
        double[][] logits = logits(lm, inputs, n, 16);
        double sum = 0;
        for (int p = 0; p < logits.length; p++) {
            sum -= Divergences.logSoftmax(logits[p])[sequences[(p / 16) * 17 + p % 16 + 1]];
        }
        return sum / logits.length;
    }

    private static double[][] logits(LanguageModel lm, int[] tokens, int rows, int width) {
        try (HostTensor out = lm.logits(HostTensor.of(tokens, rows, width))) {
            float[] flat = out.toFloats();
            double[][] perPosition = new double[rows * width][VOCAB];
            for (int p = 0; p < perPosition.length; p++) {
                for (int j = 0; j < VOCAB; j++) {
                    perPosition[p][j] = flat[p * VOCAB + j];
                }
            }
            return perPosition;
        }
    }

    /** Log-probabilities over the vocabulary from counts (indices null: counts are indexed by token). */
    private static double[] logOf(long[] counts, int from, int to, int[] indices) {
        double[] log = new double[VOCAB];
        Arrays.fill(log, Double.NEGATIVE_INFINITY);
        long total = 0;
        for (int k = from; k < to; k++) {
            total += counts[k];
        }
        for (int k = from; k < to; k++) {
            if (counts[k] > 0) {
                log[indices == null ? k : indices[k]] = Math.log((double) counts[k] / total);
            }
        }
        return log;
    }
}
