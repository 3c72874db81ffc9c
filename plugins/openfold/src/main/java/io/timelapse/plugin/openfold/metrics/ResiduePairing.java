package io.timelapse.plugin.openfold.metrics;

import io.timelapse.plugin.openfold.msa.Blosum62;
import io.timelapse.plugin.openfold.msa.PairwiseAlignment;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import java.util.HashMap;
import java.util.Map;

/**
 * Which residue of a predicted chain stands for which residue of the true chain, and how alike
 * the paired residues are. {@code trueToPred[i]} is the predicted residue paired with true residue
 * {@code i}, or -1; {@code shorterLength} is the length of the shorter of the two chains.
 */
public record ResiduePairing(Method method, int[] trueToPred, int paired, int identical, int shorterLength) {

    /** How residues are paired. */
    public enum Method {
        /** A global alignment of the two sequences (BLOSUM62, gaps 11 + 1 per residue, free end gaps). */
        SEQUENCE,
        /** Equal residue numbers as the files give them. */
        NUMBER
    }

    /** BLAST's protein defaults; end gaps are free so that missing termini cost nothing. */
    private static final PairwiseAlignment.Scoring SCORING = new PairwiseAlignment.Scoring(Blosum62::score, 11, 1, true);

    /** Pairs the residues that a global alignment of the two sequences aligns. */
    public static ResiduePairing bySequence(ProteinChain pred, ProteinChain truth) {
        return of(Method.SEQUENCE, PairwiseAlignment.align(truth.sequence(), pred.sequence(), SCORING), pred, truth);
    }

    /**
     * Pairs residues with the same residue number. A number that repeats (insertion codes: 184,
     * 184A) pairs its k-th residue in one chain with its k-th in the other.
     */
    public static ResiduePairing byNumber(ProteinChain pred, ProteinChain truth) {
        Map<Long, Integer> predByNumber = new HashMap<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int j = 0; j < pred.length(); j++) {
            predByNumber.put(key(pred.residueIndex()[j], seen), j);
        }
        seen.clear();
        int[] map = new int[truth.length()];
        for (int i = 0; i < truth.length(); i++) {
            map[i] = predByNumber.getOrDefault(key(truth.residueIndex()[i], seen), -1);
        }
        return of(Method.NUMBER, map, pred, truth);
    }

    private static long key(int number, Map<Integer, Integer> occurrences) {
        int k = occurrences.merge(number, 1, Integer::sum);
        return (long) number << 32 | k;
    }

    private static ResiduePairing of(Method method, int[] trueToPred, ProteinChain pred, ProteinChain truth) {
        int paired = 0;
        int identical = 0;
        for (int i = 0; i < trueToPred.length; i++) {
            int j = trueToPred[i];
            if (j >= 0) {
                paired++;
                int aa = truth.aatype()[i];
                if (aa == pred.aatype()[j] && aa != ResidueTypes.UNKNOWN) {
                    identical++;
                }
            }
        }
        return new ResiduePairing(method, trueToPred, paired, identical, Math.min(pred.length(), truth.length()));
    }

    /**
     * Identical pairs per residue of the shorter chain (X is never identical to anything). Over the
     * shorter chain rather than over the pairs, because unrelated sequences align best with their
     * ends barely overlapping, and a handful of pairs can be alike by chance.
     */
    public double identity() {
        return shorterLength == 0 ? 0 : (double) identical / shorterLength;
    }
}
