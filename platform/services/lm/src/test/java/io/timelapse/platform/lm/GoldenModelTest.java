package io.timelapse.platform.lm;

import static io.timelapse.platform.lm.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.lm.Generation;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LmConfig;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tiny golden model against its float64 reference outputs (io.timelapse.testdata.TinyGptNeox and its README). */
class GoldenModelTest {

    private static final int VOCAB = 512;
    private static LanguageModel model;

    @BeforeAll
    static void load() throws IOException {
        model = Fixtures.MODELS.load(Fixtures.tiny());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void readsTheConfigAndHashesTheWeights() {
        assertEquals(new LmConfig(2, 64, 4, 256, 512, 128, 0.25, 10000, true, 1e-5, false, 0), model.config());
        assertEquals(1, model.weightFiles().size());
        assertEquals(Fixtures.MODEL_SHA256, model.weightFiles().get(0).sha256());
        assertEquals(665504, model.weightFiles().get(0).bytes());
        assertEquals(List.of(), model.warnings());
    }

    @Test
    void logitsMatchTheReference() {
        try (HostTensor logits = model.logits(Fixtures.ids("inputs.npy"))) {
            assertEquals(Shape.of(8, 64, VOCAB), logits.shape());
            assertClose(Fixtures.npy("logits.npy").asFloatArray(), logits.toFloats(), 1e-4, "logits");
        }
    }

    @Test
    void rotaryHoldsUpToTheLastPosition() {
        try (HostTensor logits = model.logits(Fixtures.ids("inputs_long.npy"))) {
            assertEquals(Shape.of(2, 128, VOCAB), logits.shape());
            assertClose(Fixtures.npy("logits_long.npy").asFloatArray(), logits.toFloats(), 1e-4, "logits at 128 positions");
        }
    }

    @Test
    void hiddenStatesMatchLayerByLayer() {
        int[] first = Arrays.copyOf(Fixtures.ids("inputs.npy").toInts(), 64);
        try (HostTensor hidden = model.hiddenStates(HostTensor.of(first, 1, 64))) {
            assertEquals(Shape.of(4, 1, 64, 64), hidden.shape());
            float[] expected = Fixtures.npy("hidden_states_seq0.npy").asFloatArray();
            float[] actual = hidden.toFloats();
            String[] stages = {"token embeddings", "after layer 0", "after layer 1", "after the final layer norm"};
            int stage = 64 * 64;
            for (int s = 0; s < stages.length; s++) {
                assertClose(Arrays.copyOfRange(expected, s * stage, (s + 1) * stage), Arrays.copyOfRange(actual, s * stage, (s + 1) * stage),
                        1e-4, stages[s]);
            }
        }
    }

    @Test
    void tokenLossIsTheReferenceNegativeLogLikelihood() {
        int[] ids = Fixtures.ids("inputs.npy").toInts();
        float[] logits = Fixtures.npy("logits.npy").asFloatArray();
        float[] expected = new float[8 * 63];
        for (int b = 0; b < 8; b++) {
            for (int t = 0; t < 63; t++) {
                int base = (b * 64 + t) * VOCAB;
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < VOCAB; v++) {
                    max = Math.max(max, logits[base + v]);
                }
                double sum = 0;
                for (int v = 0; v < VOCAB; v++) {
                    sum += Math.exp(logits[base + v] - max);
                }
                expected[b * 63 + t] = (float) (max + Math.log(sum) - logits[base + ids[b * 64 + t + 1]]);
            }
        }
        try (HostTensor loss = model.tokenLoss(Fixtures.ids("inputs.npy"))) {
            assertEquals(Shape.of(8, 63), loss.shape());
            assertClose(expected, loss.toFloats(), 1e-4, "per-token loss");
        }
    }

    @Test
    void greedyTokensAreExactPlainAndWithEodBanned() {
        HostTensor prefixes = Fixtures.ids("prefixes.npy");
        Fixtures.assertTokens(Fixtures.npy("greedy_plain.npy").asIntArray(), model.generate(prefixes, Generation.greedy(32)), "plain greedy");
        Fixtures.assertTokens(Fixtures.npy("greedy_eos_suppressed.npy").asIntArray(), model.generate(prefixes, Generation.greedy(32, 0)),
                "greedy with EOD (0) banned");
    }

    @Test
    void generationWithTheCacheEqualsGenerationWithout() {
        HostTensor prefixes = Fixtures.ids("prefixes.npy");
        for (int[] banned : new int[][] {{}, {0}}) {
            Generation cached = Generation.greedy(32, banned);
            assertArrayEquals(model.generate(prefixes, cached.withoutCache()).toInts(), model.generate(prefixes, cached).toInts(),
                    "banned " + Arrays.toString(banned));
        }
        // Odd batch sizes and a long decode (to position 127) build their own graphs and still agree.
        HostTensor three = HostTensor.of(Arrays.copyOf(prefixes.toInts(), 3 * 32), 3, 32);
        Generation long95 = Generation.greedy(95);
        assertArrayEquals(model.generate(three, long95.withoutCache()).toInts(), model.generate(three, long95).toInts(), "95 new tokens");
    }

    @Test
    void teacherForcedArgmaxAndTheExactMatchShortcutAgreeWithGreedyScoring() {
        HostTensor inputs = Fixtures.ids("inputs.npy");
        Fixtures.assertTokens(Fixtures.npy("teacher_forced_argmax.npy").asIntArray(), model.teacherForcedArgmax(inputs, 32), "teacher-forced argmax");
        int[] truth = Fixtures.npy("true_continuations.npy").asIntArray();
        String[] greedyFiles = {"greedy_plain.npy", "greedy_eos_suppressed.npy"};
        int[][] bans = {{}, {0}};
        boolean[][] expectedMemorized = {{true, false, false, false, false, false, false, false}, {true, true, false, false, false, false, false, false}};
        for (int variant = 0; variant < 2; variant++) {
            int[] greedy = Fixtures.npy(greedyFiles[variant]).asIntArray();
            boolean[] shortcut = model.exactMatch(inputs, 32, bans[variant]);
            for (int row = 0; row < 8; row++) {
                boolean allMatch = Arrays.equals(greedy, row * 32, row * 32 + 32, truth, row * 32, row * 32 + 32);
                assertEquals(allMatch, shortcut[row], greedyFiles[variant] + " row " + row);
                assertEquals(expectedMemorized[variant][row], shortcut[row], "designed score of row " + row + " (" + greedyFiles[variant] + ")");
            }
        }
    }

    @Test
    void tokensOutsideTheVocabularyAreRejected() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.logits(HostTensor.of(new int[] {1, 2, 512}, 1, 3)));
        assertTrue(e.getMessage().contains("token id 512 at [0, 2]"), e.getMessage());
    }
}
