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

    /** Identity scoring with X as a wildcard and linear gaps, end gaps included. */
    private static final PairwiseAlignment.Scoring SCORING =
            new PairwiseAlignment.Scoring((x, y) -> same(x, y) ? 2 : -1, 2, 2, false);

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
        return PairwiseAlignment.align(a, b, SCORING);
    }
}
