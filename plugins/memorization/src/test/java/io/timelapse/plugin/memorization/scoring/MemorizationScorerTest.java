package io.timelapse.plugin.memorization.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.lm.LanguageModel;
import io.timelapse.lib.npy.Npy;
import io.timelapse.plugin.memorization.table.ScoringMode;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tiny golden model's memorization scores, exactly, and the exact-match shortcut against greedy scoring. */
class MemorizationScorerTest {

    private static LanguageModel model;
    private static int[] inputs;

    @BeforeAll
    static void load() throws IOException {
        model = TinyModel.MODELS.load(TinyModel.directory());
        inputs = Npy.read(TinyModel.inputs()).asIntArray();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] score(ScoringMode mode, int... banned) {
        byte[] matches = new byte[8];
        new MemorizationScorer(model, new ScoringSetup(32, 32, mode, banned)).score(inputs, 8, matches);
        int[] counts = new int[8];
        for (int i = 0; i < 8; i++) {
            counts[i] = matches[i] & 0xFF;
        }
        return counts;
    }

    @Test
    void greedyScoresMatchTheFixtureExactly() {
        int[] plain = score(ScoringMode.GREEDY);
        assertArrayEquals(TinyModel.expectedMatches("scores_plain.npy"), plain);
        assertArrayEquals(new int[] {32, 3, 31, 31, 16, 16, 0, 0}, plain); // expected.json: matches_plain
        int[] banned = score(ScoringMode.GREEDY, 0);
        assertArrayEquals(TinyModel.expectedMatches("scores_eos_suppressed.npy"), banned);
        assertArrayEquals(new int[] {32, 32, 31, 31, 16, 16, 0, 0}, banned); // expected.json: matches_eos_suppressed
    }

    @Test
    void exactMatchShortcutAgreesWithGreedyOnEveryRow() {
        for (int[] banned : new int[][] {{}, {0}}) {
            int[] greedy = score(ScoringMode.GREEDY, banned);
            int[] exact = score(ScoringMode.EXACT_MATCH, banned);
            for (int i = 0; i < 8; i++) {
                assertEquals(greedy[i] == 32 ? 32 : 0, exact[i], "row " + i + " with banned " + java.util.Arrays.toString(banned));
            }
        }
        // Row 7 is the greedy path rotated by one: teacher-forced accuracy 0.875 but not memorized.
        assertArrayEquals(new int[] {32, 0, 0, 0, 0, 0, 0, 0}, score(ScoringMode.EXACT_MATCH));
        assertArrayEquals(new int[] {32, 32, 0, 0, 0, 0, 0, 0}, score(ScoringMode.EXACT_MATCH, 0));
    }

    @Test
    void shorterWindowsScoreTheirOwnContinuation() {
        // Prefix 32, continuation 8: row 4 (first half matches) matches all 8; row 2 (first token replaced) 7.
        byte[] matches = new byte[8];
        int[] windows = new int[8 * 40];
        for (int r = 0; r < 8; r++) {
            System.arraycopy(inputs, r * 64, windows, r * 40, 40);
        }
        new MemorizationScorer(model, new ScoringSetup(32, 8, ScoringMode.GREEDY, new int[0])).score(windows, 8, matches);
        assertEquals(8, matches[4]);
        assertEquals(7, matches[2]);
        assertEquals(8, matches[0]);
    }
}
