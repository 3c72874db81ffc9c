package io.timelapse.plugin.openfold.msa;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain multiple alignment (every row has the same number of columns, '-' or '.' for gaps), as
 * Stockholm, aligned FASTA, Clustal and expanded A2M give it. {@link #rerootOn} turns it into a
 * query-anchored {@link Msa} for any member.
 */
public record ColumnAlignment(String source, List<String> names, List<String> rows) {

    public ColumnAlignment {
        names = List.copyOf(names);
        rows = List.copyOf(rows);
    }

    static ColumnAlignment of(String source, List<String> names, List<String> rows) throws AlignmentFormatException {
        if (rows.isEmpty()) {
            throw new AlignmentFormatException(source, "empty alignment: no sequences");
        }
        int width = rows.get(0).length();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length() != width) {
                throw new AlignmentFormatException(source, "sequence " + (i + 1) + " ('" + names.get(i) + "') has "
                        + rows.get(i).length() + " columns, the first has " + width);
            }
        }
        return new ColumnAlignment(source, names, rows);
    }

    public int size() {
        return rows.size();
    }

    /** The index of the member with this name, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** A member's residues without gaps, uppercased. */
    public String ungapped(int member) {
        StringBuilder sb = new StringBuilder();
        for (char c : rows.get(member).toCharArray()) {
            if (!isGap(c)) {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    static boolean isGap(char c) {
        return c == '-' || c == '.';
    }

    /**
     * The MSA with {@code member} as query (first row) and the other rows after it in their order:
     * columns where the query has a gap are dropped, and each row's residues in dropped columns are
     * counted as deletions before the next kept column (OpenFold's Stockholm rule).
     */
    public Msa rerootOn(int member) throws AlignmentFormatException {
        String query = rows.get(member);
        List<Integer> order = new ArrayList<>();
        order.add(member);
        for (int i = 0; i < rows.size(); i++) {
            if (i != member) {
                order.add(i);
            }
        }
        List<String> sequences = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<int[]> deletions = new ArrayList<>();
        int length = 0;
        for (char c : query.toCharArray()) {
            if (!isGap(c)) {
                length++;
            }
        }
        for (int i : order) {
            String row = rows.get(i);
            StringBuilder aligned = new StringBuilder(length);
            int[] del = new int[length];
            int pending = 0;
            for (int col = 0; col < query.length(); col++) {
                char q = query.charAt(col);
                char c = row.charAt(col);
                if (isGap(q)) {
                    if (!isGap(c)) {
                        pending++;
                    }
                } else {
                    del[aligned.length()] = pending;
                    pending = 0;
                    aligned.append(isGap(c) ? '-' : Character.toUpperCase(c));
                }
            }
            sequences.add(aligned.toString());
            descriptions.add(names.get(i));
            deletions.add(del);
        }
        return Msa.of(source, sequences, descriptions, deletions);
    }

    /**
     * The alignment re-rooted on {@code member}, as a3m text: the member first, residues in
     * columns where it has a gap kept as lowercase insertions, gaps there dropped.
     */
    public String rerootedA3m(int member) {
        String query = rows.get(member);
        StringBuilder sb = new StringBuilder();
        List<Integer> order = new ArrayList<>();
        order.add(member);
        for (int i = 0; i < rows.size(); i++) {
            if (i != member) {
                order.add(i);
            }
        }
        for (int i : order) {
            sb.append('>').append(names.get(i)).append('\n');
            String row = rows.get(i);
            for (int col = 0; col < query.length(); col++) {
                char c = row.charAt(col);
                if (isGap(query.charAt(col))) {
                    if (!isGap(c)) {
                        sb.append(Character.toLowerCase(c));
                    }
                } else {
                    sb.append(isGap(c) ? '-' : Character.toUpperCase(c));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
