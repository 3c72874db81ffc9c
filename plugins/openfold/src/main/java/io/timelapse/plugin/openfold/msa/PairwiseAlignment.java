package io.timelapse.plugin.openfold.msa;

import java.util.Arrays;

/**
 * Global alignment of two sequences: Needleman–Wunsch with Gotoh's affine gaps, where a gap of
 * length k costs {@code gapOpen + (k − 1)·gapExtend}. With free end gaps, residues hanging over
 * either end of the other sequence cost nothing (a chain that lacks its termini). On equal scores
 * the traceback prefers aligning two residues, then a gap in {@code b}, then a gap in {@code a}.
 */
public final class PairwiseAlignment {

    /** The score of aligning residue {@code a} with residue {@code b}. */
    @FunctionalInterface
    public interface Substitution {
        int score(char a, char b);
    }

    /** How an alignment is scored; gap costs are positive and subtracted. */
    public record Scoring(Substitution substitution, int gapOpen, int gapExtend, boolean freeEndGaps) {}

    private static final int NONE = Integer.MIN_VALUE / 4;
    private static final int MATCH = 0;
    private static final int GAP_IN_B = 1;
    private static final int GAP_IN_A = 2;

    private PairwiseAlignment() {}

    /** For each residue of {@code a}, the index of the residue of {@code b} it is aligned with, or -1. */
    public static int[] align(String a, String b, Scoring scoring) {
        int n = a.length();
        int m = b.length();
        int open = scoring.gapOpen();
        int extend = scoring.gapExtend();
        boolean freeEnds = scoring.freeEndGaps();
        // For each cell and state (M: residues aligned, X: gap in b, Y: gap in a), the state of the
        // cell it came from, two bits each.
        byte[][] from = new byte[n + 1][m + 1];
        int[] match = new int[m + 1];
        int[] gapInB = new int[m + 1];
        int[] gapInA = new int[m + 1];
        Arrays.fill(match, NONE);
        Arrays.fill(gapInB, NONE);
        match[0] = 0;
        gapInA[0] = NONE;
        for (int j = 1; j <= m; j++) {
            gapInA[j] = freeEnds ? 0 : -open - (j - 1) * extend;
        }
        // With free end gaps the alignment may end anywhere in the last row or column.
        int[] lastColumn = new int[n + 1];
        int[] lastColumnState = new int[n + 1];
        lastColumn[0] = best(match[m], gapInB[m], gapInA[m]);
        lastColumnState[0] = argBest(match[m], gapInB[m], gapInA[m]);
        int[] prevMatch = new int[m + 1];
        int[] prevGapInB = new int[m + 1];
        int[] prevGapInA = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            System.arraycopy(match, 0, prevMatch, 0, m + 1);
            System.arraycopy(gapInB, 0, prevGapInB, 0, m + 1);
            System.arraycopy(gapInA, 0, prevGapInA, 0, m + 1);
            match[0] = NONE;
            gapInA[0] = NONE;
            gapInB[0] = freeEnds ? 0 : -open - (i - 1) * extend;
            for (int j = 1; j <= m; j++) {
                int diag = argBest(prevMatch[j - 1], prevGapInB[j - 1], prevGapInA[j - 1]);
                match[j] = value(diag, prevMatch[j - 1], prevGapInB[j - 1], prevGapInA[j - 1])
                        + scoring.substitution().score(a.charAt(i - 1), b.charAt(j - 1));
                int up = argBest(prevMatch[j] - open, prevGapInB[j] - extend, prevGapInA[j] - open);
                gapInB[j] = value(up, prevMatch[j] - open, prevGapInB[j] - extend, prevGapInA[j] - open);
                int left = argBest(match[j - 1] - open, gapInB[j - 1] - open, gapInA[j - 1] - extend);
                gapInA[j] = value(left, match[j - 1] - open, gapInB[j - 1] - open, gapInA[j - 1] - extend);
                from[i][j] = (byte) (diag | up << 2 | left << 4);
            }
            lastColumn[i] = best(match[m], gapInB[m], gapInA[m]);
            lastColumnState[i] = argBest(match[m], gapInB[m], gapInA[m]);
        }
        int i = n;
        int j = m;
        int state = lastColumnState[n];
        if (freeEnds) {
            int score = lastColumn[n];
            for (int k = n - 1; k >= 0; k--) {
                if (lastColumn[k] > score) {
                    score = lastColumn[k];
                    i = k;
                    state = lastColumnState[k];
                }
            }
            for (int k = m - 1; k >= 0; k--) {
                if (best(match[k], gapInB[k], gapInA[k]) > score) {
                    score = best(match[k], gapInB[k], gapInA[k]);
                    i = n;
                    j = k;
                    state = argBest(match[k], gapInB[k], gapInA[k]);
                }
            }
        }
        int[] map = new int[n];
        Arrays.fill(map, -1);
        while (i > 0 && j > 0) {
            int cell = from[i][j];
            if (state == MATCH) {
                map[i - 1] = j - 1;
                state = cell & 3;
                i--;
                j--;
            } else if (state == GAP_IN_B) {
                state = cell >> 2 & 3;
                i--;
            } else {
                state = cell >> 4 & 3;
                j--;
            }
        }
        return map;
    }

    private static int best(int m, int x, int y) {
        return Math.max(m, Math.max(x, y));
    }

    private static int argBest(int m, int x, int y) {
        if (m >= x && m >= y) {
            return MATCH;
        }
        return x >= y ? GAP_IN_B : GAP_IN_A;
    }

    private static int value(int state, int m, int x, int y) {
        return state == MATCH ? m : state == GAP_IN_B ? x : y;
    }
}
