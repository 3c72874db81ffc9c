package io.timelapse.plugin.openfold.msa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Concatenates MSAs of one query (OpenFold's order: the files as given) and removes every aligned
 * sequence identical to an earlier one, across all inputs; the first occurrence is kept.
 */
public final class MsaMerger {

    private MsaMerger() {}

    public static Msa merge(List<Msa> msas) throws AlignmentFormatException {
        if (msas.isEmpty()) {
            throw new AlignmentFormatException("(no MSA files)", "empty alignment: nothing to merge");
        }
        int length = msas.get(0).length();
        Set<String> seen = new HashSet<>();
        List<String> sequences = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<int[]> deletions = new ArrayList<>();
        for (Msa msa : msas) {
            if (msa.depth() == 0) {
                throw new AlignmentFormatException(msa.source(), "empty alignment: no sequences");
            }
            if (msa.length() != length) {
                throw new AlignmentFormatException(msa.source(), "query has " + msa.length()
                        + " aligned residues, the first MSA's query has " + length);
            }
            for (int i = 0; i < msa.depth(); i++) {
                if (seen.add(msa.sequences().get(i))) {
                    sequences.add(msa.sequences().get(i));
                    descriptions.add(msa.descriptions().get(i));
                    deletions.add(msa.deletions().get(i));
                }
            }
        }
        String source = msas.size() == 1 ? msas.get(0).source() : msas.stream().map(Msa::source).toList().toString();
        return new Msa(source, sequences, descriptions, deletions);
    }
}
