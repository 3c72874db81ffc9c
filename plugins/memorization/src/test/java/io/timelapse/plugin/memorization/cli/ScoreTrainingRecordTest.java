package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.memorization.scoring.TinyModel;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memorization score} takes the batch size and sequence length of a checkpoint's training from
 * the record its trainer left next to it, and refuses to guess a batch size it needs.
 */
class ScoreTrainingRecordTest {

    /** The tiny fixture's rows hold 64 tokens: 63 inputs and the shifted target. */
    private static final int SEQUENCE = 63;

    @TempDir
    Path tmp;

    private CommandTester tester;
    private long parameters;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        parameters = TinyModel.MODELS.readConfig(TinyModel.directory().resolve("config.json")).parameterCount();
    }

    private Result score(String... args) {
        return tester.execute("memorization", new ScoreCommand(tester.runs(), TinyModel.MODELS, ScoreCommandTest.NO_LAYOUT, TinyModel.COMPUTE), args);
    }

    private Result predict(String... args) {
        return tester.execute("memorization", new PredictCommand(tester.runs()), args);
    }

    /** The tiny model as checkpoint {@code dir}. */
    private static Path checkpoint(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(TinyModel.directory().resolve(file), dir.resolve(file));
        }
        return dir;
    }

    /** A model family trained as 'memorization reproduce' trains: training.json next to the step<N>/ checkpoints. */
    private Path reproduced(String name, int step, int batch, int sequence) throws IOException {
        Path model = checkpoint(tmp.resolve("family/models").resolve(name).resolve("step" + step));
        Files.writeString(model.getParent().resolve("training.json"), "{\"format\": \"timelapse-training-record\", \"version\": 1, "
                + "\"batch_size\": " + batch + ", \"sequence_length\": " + sequence + ", \"steps\": 10}\n");
        return model;
    }

    /** A run of 'timelapse lm train --data inputs.npy --batch-size B': run.json, and checkpoints/step<N>/. */
    private Path lmTrained(String run, int step, int batch) throws IOException {
        Path model = checkpoint(tmp.resolve(run).resolve("checkpoints").resolve("step" + step));
        Files.writeString(tmp.resolve(run).resolve("run.json"), "{\"status\": \"succeeded\", \"plugin\": \"lm\", \"command\": \"train\", "
                + "\"config\": {\"data\": \"inputs.npy\", \"steps\": 2, \"batch-size\": " + batch + ", \"checkpoint-dir\": null}, "
                + "\"inputs\": [{\"path\": \"" + TinyModel.inputs().toAbsolutePath() + "\", \"sha256\": \"00\"}]}\n");
        return model;
    }

    @Test
    void theComputeOfEachModelIsDerivedFromItsOwnTrainingRecord() throws IOException {
        Path family = reproduced("xs", 3, 2, SEQUENCE);
        Path lm = lmTrained("lmrun", 1, 4);

        Result a = score("--model", family.toString(), "--data", TinyModel.inputs().toString(), "--out", tmp.resolve("a").toString());
        assertEquals(0, a.exitCode(), a.err() + a.out());
        assertTrue(a.out().contains("training: batch 2 × 63 tokens (from " + family.getParent().resolve("training.json")), a.out());
        ScoreTable xs = ScoreTableFiles.read(tmp.resolve("a"));
        // Step 3 of batch 2 has trained rows [0, 6), not the 8 rows of the data that a batch of 1024 would give.
        assertEquals(6, xs.size());
        assertEquals(3L * 2 * SEQUENCE, xs.header().model().trainedTokens());
        assertEquals(6.0 * parameters * 3 * 2 * SEQUENCE, xs.header().model().trainingFlops(), 1e-6);
        assertEquals(2, xs.header().model().training().batchSize());

        Result l = score("--model", lm.toString(), "--data", TinyModel.inputs().toString(), "--out", tmp.resolve("l").toString());
        assertEquals(0, l.exitCode(), l.err() + l.out());
        ScoreTable run = ScoreTableFiles.read(tmp.resolve("l"));
        assertEquals("lmrun", run.header().model().name(), "named after the lm train run, not its checkpoints/ directory");
        assertEquals(4, run.size());
        assertEquals(1L * 4 * SEQUENCE, run.header().model().trainedTokens());
        assertEquals(tmp.resolve("lmrun/run.json").toString(), run.header().model().training().source());

        // Batch 2 and batch 4: the two tables' compute was derived from conflicting settings.
        Result conflict = predict("--target", tmp.resolve("a").toString(), "--predictor", tmp.resolve("l").toString(),
                "--out", tmp.resolve("p").toString());
        Usage.assertRefused(conflict, "the compute of xs@3 and of lmrun@1 was derived from conflicting training settings: batch 2 × 63 tokens", tmp.resolve("p"));
        assertTrue(conflict.err().contains("vs batch 4 × 63 tokens (from " + tmp.resolve("lmrun/run.json")), conflict.err());
        // Given directly, the predictor's compute no longer conflicts.
        Result given = predict("--target", tmp.resolve("a").toString(), "--predictor", tmp.resolve("l").toString(), "--compute", "lmrun@1=1e9",
                "--out", tmp.resolve("p").toString());
        assertEquals(0, given.exitCode(), given.err() + given.out());
    }

    @Test
    void aStepBasedSelectionWithoutTrainingRecordNeedsTheBatchSize() throws IOException {
        Path pythia = checkpoint(tmp.resolve("pythia-tiny/step2"));
        Usage.assertRefused(score("--model", pythia.toString(), "--data", TinyModel.inputs().toString(), "--out", tmp.resolve("o").toString()),
                "--batch-size: needed for the default selection (the rows the checkpoint at step 2 has trained on), and no training record", tmp.resolve("o"));
        Usage.assertRefused(score("--model", TinyModel.directory().toString(), "--data", TinyModel.inputs().toString(), "--steps", "0:1",
                "--out", tmp.resolve("o").toString()), "--batch-size: needed for --steps 0:1", tmp.resolve("o"));

        Result given = score("--model", pythia.toString(), "--data", TinyModel.inputs().toString(), "--batch-size", "3", "--out", tmp.resolve("g").toString());
        assertEquals(0, given.exitCode(), given.err() + given.out());
        ScoreTable table = ScoreTableFiles.read(tmp.resolve("g"));
        assertEquals(6, table.size());
        assertEquals(2L * 3 * SEQUENCE, table.header().model().trainedTokens());

        // Rows chosen by number need no batch size; the compute is then unknown, not guessed.
        Result rows = score("--model", pythia.toString(), "--data", TinyModel.inputs().toString(), "--rows", "0:2", "--out", tmp.resolve("r").toString());
        assertEquals(0, rows.exitCode(), rows.err() + rows.out());
        assertTrue(rows.out().contains("training: unknown"), rows.out());
        assertNull(ScoreTableFiles.read(tmp.resolve("r")).header().model().trainedTokens());
    }

    @Test
    void aBatchSizeOrRowLengthThatContradictsTheRecordIsRefused() throws IOException {
        Path family = reproduced("xs", 3, 2, SEQUENCE);
        Usage.assertRefused(score("--model", family.toString(), "--data", TinyModel.inputs().toString(), "--batch-size", "1024",
                "--out", tmp.resolve("o").toString()), "--batch-size 1024: the model was trained with batch size 2 (" + family.getParent().resolve("training.json"),
                tmp.resolve("o"));
        Result same = score("--model", family.toString(), "--data", TinyModel.inputs().toString(), "--batch-size", "2", "--out", tmp.resolve("s").toString());
        assertEquals(0, same.exitCode(), same.err() + same.out());

        Path longer = reproduced("m", 1, 2, 127);
        Usage.assertRefused(score("--model", longer.toString(), "--data", TinyModel.inputs().toString(), "--steps", "0:1",
                "--out", tmp.resolve("o").toString()), "--steps 0:1: the model was trained on rows of 128 tokens", tmp.resolve("o"));
    }
}
