package io.timelapse.plugin.openfold.msa;

import java.util.ArrayList;
import java.util.List;

/**
 * A query-anchored MSA as OpenFold's parsers return it: every row has one character per query
 * residue (uppercase letters or '-'), the first row is the query, and {@code deletions[row][col]}
 * counts the residues the row has between column col−1 and col that are not in the query.
 */
public record Msa(String source, List<String> sequences, List<String> descriptions, List<int[]> deletions) {

    public Msa {
        sequences = List.copyOf(sequences);
        descriptions = List.copyOf(descriptions);
        deletions = List.copyOf(deletions);
        if (sequences.size() != descriptions.size() || sequences.size() != deletions.size()) {
            throw new IllegalArgumentException(source + ": sequences, descriptions and deletions differ in number");
        }
    }

    public int depth() {
        return sequences.size();
    }

    public int length() {
        return sequences.isEmpty() ? 0 : sequences.get(0).length();
    }

    public String query() {
        return sequences.get(0);
    }

    /** Checks that the MSA has rows and that its query has the given number of residues. */
    public Msa requireQueryLength(int residues, String structureName) throws AlignmentFormatException {
        if (sequences.isEmpty()) {
            throw new AlignmentFormatException(source, "empty alignment: no sequences");
        }
        if (length() != residues) {
            throw new AlignmentFormatException(source, "query has " + length() + " aligned residues but structure "
                    + structureName + " has " + residues);
        }
        return this;
    }

    /** The first {@code rows} rows. */
    public Msa truncate(int rows) {
        int n = Math.min(rows, depth());
        return new Msa(source, sequences.subList(0, n), descriptions.subList(0, n), deletions.subList(0, n));
    }

    /** Builds an MSA, checking that every row has the query's length. */
    static Msa of(String source, List<String> sequences, List<String> descriptions, List<int[]> deletions)
            throws AlignmentFormatException {
        if (sequences.isEmpty()) {
            throw new AlignmentFormatException(source, "empty alignment: no sequences");
        }
        int length = sequences.get(0).length();
        if (length == 0) {
            throw new AlignmentFormatException(source, "empty alignment: the query has no residues");
        }
        List<String> upper = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            String s = sequences.get(i);
            if (s.length() != length) {
                throw new AlignmentFormatException(source, "sequence " + (i + 1) + " ('" + descriptions.get(i) + "') has "
                        + s.length() + " aligned columns, the query has " + length);
            }
            upper.add(s.toUpperCase(java.util.Locale.ROOT).replace('.', '-'));
        }
        return new Msa(source, upper, descriptions, deletions);
    }
}
