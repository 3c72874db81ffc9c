package io.timelapse.plugin.openfold.msa;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes one member of a column alignment spell exactly a given sequence (the residues of a
 * structure chain), so that re-rooting on it yields one MSA column per chain residue. The member's
 * residues are globally aligned to the sequence (Needleman–Wunsch, X matches anything); member
 * residues with no counterpart become gaps (other rows' residues there turn into deletions) and
 * chain residues missing from the member get a new column that is a gap in every other row.
 */
public final class MemberConformer {

    /** The conformed alignment and how far the member had to be edited. */
    public record Result(ColumnAlignment alignment, int mismatches, int removed, int inserted) {

        public int edits() {
            return mismatches + removed + inserted;
        }
    }

    private static final int MATCH = 2;
    private static final int MISMATCH = -1;
    private static final int GAP = -2;

    private MemberConformer() {}

    public static Result conform(ColumnAlignment alignment, int member, String target) throws AlignmentFormatException {
        String residues = alignment.ungapped(member);
        int[] memberToTarget = align(residues, target);
        boolean[] covered = new boolean[target.length()];
        int mismatches = 0;
        int removed = 0;
        for (int i = 0; i < memberToTarget.length; i++) {
            int t = memberToTarget[i];
            if (t < 0) {
                removed++;
            } else {
                covered[t] = true;
                if (!same(residues.charAt(i), target.charAt(t))) {
                    mismatches++;
                }
            }
        }
        String row = alignment.rows().get(member);
        List<StringBuilder> rows = new ArrayList<>();
        for (int r = 0; r < alignment.size(); r++) {
            rows.add(new StringBuilder());
        }
        int residue = 0;
        int nextTarget = 0;
        int inserted = 0;
        for (int col = 0; col < row.length(); col++) {
            char c = row.charAt(col);
            if (ColumnAlignment.isGap(c)) {
                appendColumn(rows, alignment, col, member, '-');
                continue;
            }
            int t = memberToTarget[residue++];
            if (t < 0) {
                appendColumn(rows, alignment, col, member, '-');
                continue;
            }
            // Chain residues the member lacks go just before the member residue aligned after them.
            while (nextTarget < t) {
                if (!covered[nextTarget]) {
                    appendInsertion(rows, member, target.charAt(nextTarget));
                    inserted++;
                }
                nextTarget++;
            }
            appendColumn(rows, alignment, col, member, target.charAt(t));
            nextTarget = t + 1;
        }
        while (nextTarget < target.length()) {
            appendInsertion(rows, member, target.charAt(nextTarget++));
            inserted++;
        }
        List<String> out = rows.stream().map(StringBuilder::toString).toList();
        return new Result(ColumnAlignment.of(alignment.source(), alignment.names(), out), mismatches, removed, inserted);
    }

    private static boolean same(char a, char b) {
        return a == b || a == 'X' || b == 'X';
    }

    private static void appendColumn(List<StringBuilder> rows, ColumnAlignment alignment, int col, int member, char memberChar) {
        for (int r = 0; r < rows.size(); r++) {
            rows.get(r).append(r == member ? memberChar : alignment.rows().get(r).charAt(col));
        }
    }

    private static void appendInsertion(List<StringBuilder> rows, int member, char residue) {
        for (int r = 0; r < rows.size(); r++) {
            rows.get(r).append(r == member ? residue : '-');
        }
    }

    /** For each residue of {@code a}, the index of the residue of {@code b} it aligns to, or -1. */
    static int[] align(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] score = new int[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            score[i][0] = i * GAP;
        }
        for (int j = 1; j <= m; j++) {
            score[0][j] = j * GAP;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int diag = score[i - 1][j - 1] + (same(a.charAt(i - 1), b.charAt(j - 1)) ? MATCH : MISMATCH);
                score[i][j] = Math.max(diag, Math.max(score[i - 1][j] + GAP, score[i][j - 1] + GAP));
            }
        }
        int[] map = new int[n];
        java.util.Arrays.fill(map, -1);
        int i = n;
        int j = m;
        while (i > 0 && j > 0) {
            int diag = score[i - 1][j - 1] + (same(a.charAt(i - 1), b.charAt(j - 1)) ? MATCH : MISMATCH);
            if (score[i][j] == diag) {
                map[i - 1] = j - 1;
                i--;
                j--;
            } else if (score[i][j] == score[i - 1][j] + GAP) {
                i--;
            } else {
                j--;
            }
        }
        return map;
    }
}
