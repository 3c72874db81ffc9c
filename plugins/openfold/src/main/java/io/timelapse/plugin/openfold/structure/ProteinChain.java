package io.timelapse.plugin.openfold.structure;

import io.timelapse.plugin.openfold.geometry.Vec3;
import io.timelapse.plugin.openfold.residue.AtomTypes;

/**
 * One protein chain in OpenFold's atom37 representation: {@code aatype [N]} (AF2 order, X = 20),
 * {@code all_atom_positions [N,37,3]} and {@code all_atom_mask [N,37]} flattened C-order,
 * the one-letter sequence and the residue numbers of the file: for PDB files the author numbering,
 * repeated across insertion codes (184, 184A), as OpenFold's {@code Protein.residue_index}; for
 * mmCIF the SEQRES positions 0..N−1. Features number residues 0..N−1 either way. Unresolved
 * residues have an all-zero mask.
 */
public record ProteinChain(String source, String chainId, String sequence, int[] aatype, float[] atomPositions,
        float[] atomMask, int[] residueIndex) {

    public ProteinChain {
        int n = aatype.length;
        if (sequence.length() != n || atomPositions.length != n * 37 * 3 || atomMask.length != n * 37
                || residueIndex.length != n) {
            throw new IllegalArgumentException(source + " chain " + chainId + ": inconsistent array sizes");
        }
    }

    public int length() {
        return aatype.length;
    }

    /** A name for the chain that is unique within a data set: file stem and chain id. */
    public String label() {
        String stem = source.replaceAll("^.*/", "").replaceAll("\\.gz$", "").replaceAll("\\.[^.]+$", "");
        return chainId.isBlank() ? stem : stem + "_" + chainId;
    }

    public boolean hasAtom(int residue, int atom37) {
        return atomMask[residue * 37 + atom37] > 0;
    }

    public Vec3 atom(int residue, int atom37) {
        return Vec3.of(atomPositions, (residue * 37 + atom37) * 3);
    }

    public int countResolvedCa() {
        int count = 0;
        for (int i = 0; i < length(); i++) {
            if (hasAtom(i, AtomTypes.CA)) {
                count++;
            }
        }
        return count;
    }

    /** The chain restricted to residues [start, end). */
    public ProteinChain slice(int start, int end) {
        int n = end - start;
        int[] aa = java.util.Arrays.copyOfRange(aatype, start, end);
        float[] pos = java.util.Arrays.copyOfRange(atomPositions, start * 111, end * 111);
        float[] mask = java.util.Arrays.copyOfRange(atomMask, start * 37, end * 37);
        int[] idx = java.util.Arrays.copyOfRange(residueIndex, start, end);
        return new ProteinChain(source, chainId, sequence.substring(start, start + n), aa, pos, mask, idx);
    }
}
