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
import java.util.List;
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

    @Test
    void trainsWritesLoadableCheckpointsAndResumesAfterAKill() throws IOException {
        Path data = rows(tmp.resolve("rows.npy"));
        HostTensor firstRows;
        try (NpyTokenRows source = NpyTokenRows.open(data, 4)) {
            int[] ids = new int[8 * ROW];
            for (int r = 0; r < 8; r++) {
                System.arraycopy(source.row(r), 0, ids, r * ROW, ROW);
            }
            firstRows = HostTensor.of(ids, 8, ROW);
        }

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
}
