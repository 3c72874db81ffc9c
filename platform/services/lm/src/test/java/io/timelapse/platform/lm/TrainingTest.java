package io.timelapse.platform.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.TrainingListener;
import io.timelapse.api.lm.TrainingPlan;
import io.timelapse.api.lm.TrainingResult;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.tokens.NpyTokenRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training from scratch: the loss falls, checkpoints are loadable model directories, and a killed run resumes to the same weights. */
class TrainingTest {

    static final LmConfig CONFIG = LmConfig.pythia(2, 32, 4, 64, 32);
    static final int ROW = 17;

    @TempDir
    Path tmp;

    /** Rows of arithmetic token sequences (a learnable pattern), written as an int32 .npy [48, 17]. */
    static Path rows(Path file) throws IOException {
        int rows = 48;
        int[] tokens = new int[rows * ROW];
        for (int r = 0; r < rows; r++) {
            int stride = 1 + r % 3;
            for (int t = 0; t < ROW; t++) {
                tokens[r * ROW + t] = (5 * r + stride * t) % 64;
            }
        }
        Npy.writeInts(file, DType.INT32, tokens, rows, ROW);
        return file;
    }

    private TrainingPlan plan(Path data, Path out) throws IOException {
        return new TrainingPlan(CONFIG, NpyTokenRows.open(data, 4), out, 12, 4, 3e-3, 2, 0.01, "steps:1,2,4,8", 7);
    }

    private static double meanLoss(Path model, HostTensor rows) throws IOException {
        try (LanguageModel lm = Fixtures.MODELS.load(model); HostTensor loss = lm.tokenLoss(rows)) {
            double sum = 0;
            for (float value : loss.toFloats()) {
                sum += value;
            }
            return sum / loss.size();
        }
    }

    private static float[] logits(Path model, HostTensor rows) throws IOException {
        try (LanguageModel lm = Fixtures.MODELS.load(model); HostTensor logits = lm.logits(rows)) {
            return logits.toFloats();
        }
    }

    /** The first 8 training rows. */
    private static HostTensor firstRows(Path data) throws IOException {
        try (NpyTokenRows source = NpyTokenRows.open(data, 4)) {
            int[] ids = new int[8 * ROW];
            for (int r = 0; r < 8; r++) {
                System.arraycopy(source.row(r), 0, ids, r * ROW, ROW);
            }
            return HostTensor.of(ids, 8, ROW);
        }
    }

    @Test
    void trainsWritesLoadableCheckpointsAndResumesAfterAKill() throws IOException {
        Path data = rows(tmp.resolve("rows.npy"));
        HostTensor firstRows = firstRows(data);

        Path whole = tmp.resolve("whole");
        TrainingResult done = Fixtures.MODELS.train(plan(data, whole), TrainingListener.NONE);
        assertEquals(0, done.resumedFromStep());
        assertEquals(12, done.finalStep());
        assertEquals(List.of(1L, 2L, 4L, 8L, 12L), done.checkpoints().stream()
                .map(p -> Long.parseLong(p.getFileName().toString().substring(4))).toList());
        assertTrue(Files.isRegularFile(whole.resolve("step12").resolve("config.json")));
        double early = meanLoss(whole.resolve("step1"), firstRows);
        double late = meanLoss(whole.resolve("step12"), firstRows);
        assertTrue(late < early - 0.1, "loss on trained rows should fall: step 1 " + early + ", step 12 " + late);
        assertTrue(Double.isFinite(done.finalLoss()));

        Path killed = tmp.resolve("killed");
        TrainingListener killAtNine = new TrainingListener() {
            @Override
            public void stepStarting(long completedSteps) {
                if (completedSteps == 9) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> Fixtures.MODELS.train(plan(data, killed), killAtNine));
        TrainingResult resumed = Fixtures.MODELS.train(plan(data, killed), TrainingListener.NONE);
        assertEquals(8, resumed.resumedFromStep());
        assertEquals(12, resumed.finalStep());
        assertArrayEquals(logits(whole.resolve("step12"), firstRows), logits(killed.resolve("step12"), firstRows),
                "a resumed run reaches the uninterrupted run's weights");
    }

    /** Records what a training run reports. */
    private static final class Heard implements TrainingListener {
        final List<Long> exported = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        private final long stopAfter;

        Heard(long stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void stepCompleted(long completedSteps, double loss) {
            steps.add(completedSteps);
            losses.add(loss);
            if (completedSteps == stopAfter) {
                throw new IllegalStateException("stopped after step " + stopAfter);
            }
        }

        @Override
        public void checkpointWritten(long step, Path directory) {
            assertTrue(Files.isRegularFile(directory.resolve("model.safetensors")), directory + " is complete when reported");
            exported.add(step);
        }
    }

    @Test
    void eachStepIsExportedWhenReachedAndAResumeSkipsTheExportsThatExist() throws IOException {
        Path data = rows(tmp.resolve("rows.npy"));
        Path out = tmp.resolve("stopped");
        Heard first = new Heard(5);
        IllegalStateException stop = assertThrows(IllegalStateException.class, () -> Fixtures.MODELS.train(plan(data, out), first));
        assertEquals("stopped after step 5", stop.getMessage());
        assertEquals(List.of(1L, 2L, 4L), first.exported, "a run stopped after step 5 has the exports of steps 1, 2 and 4");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), first.steps);
        first.losses.forEach(loss -> assertTrue(loss > 0 && Double.isFinite(loss), first.losses.toString()));
        HostTensor trainedRows = firstRows(data);
        for (long step : first.exported) {
            assertTrue(Double.isFinite(meanLoss(out.resolve("step" + step), trainedRows)), "step" + step + " loads and computes");
        }
        assertTrue(Files.notExists(out.resolve("step8")));
        Path leftover = Files.createDirectories(out.resolve(".step8.partial"));
        Files.writeString(leftover.resolve("model.safetensors"), "cut off by a kill");

        Heard second = new Heard(-1);
        TrainingResult resumed = Fixtures.MODELS.train(plan(data, out), second);
        assertEquals(4, resumed.resumedFromStep());
        assertEquals(List.of(8L, 12L), second.exported, "exports that exist are not written again");
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), second.steps, "steps 5 to 12 are trained from the step-4 checkpoint");
        assertEquals(second.losses.get(second.losses.size() - 1), resumed.finalLoss());
        assertTrue(Files.notExists(leftover), "a killed export's leftovers are removed");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }

        TrainingResult again = Fixtures.MODELS.train(plan(data, out), TrainingListener.NONE);
        assertEquals(12, again.resumedFromStep());
        assertEquals(12, again.finalStep());
        assertEquals(resumed.finalLoss(), again.finalLoss(), "a run with no step left reports the loss its last step logged");
        assertEquals(resumed.checkpoints(), again.checkpoints());
    }
}
