package io.timelapse.plugin.openfold.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ResiduePairingTest {

    /** A trypsin numbered from 16 with insertion codes (184/184A). */
    private static ProteinChain trypsin() throws IOException {
        return StructureFiles.read(Fixtures.resourcePath("theseus/1A0J_A.pdb.gz")).chain("A");
    }

    private static ProteinChain ldh() throws IOException {
        return StructureFiles.read(Fixtures.resourcePath("theseus/1a5z_A.pdb.gz")).chain("A");
    }

    /** The same chain numbered 1..N. */
    private static ProteinChain renumbered(ProteinChain c) {
        int[] numbers = new int[c.length()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i + 1;
        }
        return new ProteinChain(c.source(), c.chainId(), c.sequence(), c.aatype(), c.atomPositions(), c.atomMask(), numbers);
    }

    @Test
    void aRenumberedCopyPairsEveryResidueBySequence() throws IOException {
        ProteinChain truth = trypsin();
        ResiduePairing pairing = ResiduePairing.bySequence(renumbered(truth), truth);
        assertEquals(223, pairing.paired());
        assertEquals(1.0, pairing.identity());
        for (int i = 0; i < truth.length(); i++) {
            assertEquals(i, pairing.trueToPred()[i]);
        }
        ResiduePairing byNumber = ResiduePairing.byNumber(renumbered(truth), truth);
        assertTrue(byNumber.identity() < 0.1, "numbers 1..223 against 16..245 pair different residues: " + byNumber.identity());
    }

    @Test
    void numberPairingMatchesInsertionCodesInOrder() throws IOException {
        ProteinChain truth = trypsin();
        int at184 = -1;
        for (int i = 0; i < truth.length(); i++) {
            if (truth.residueIndex()[i] == 184) {
                at184 = i;
                break;
            }
        }
        assertEquals(184, truth.residueIndex()[at184 + 1], "184A repeats the number 184");
        ResiduePairing pairing = ResiduePairing.byNumber(trypsin(), truth);
        assertEquals(223, pairing.paired());
        assertEquals(at184 + 1, pairing.trueToPred()[at184 + 1]);
        assertEquals(1.0, pairing.identity());
    }

    @Test
    void unrelatedChainsAlignAtLowIdentity() throws IOException {
        ResiduePairing pairing = ResiduePairing.bySequence(trypsin(), ldh());
        assertEquals(223, pairing.shorterLength());
        assertTrue(pairing.identity() < 0.1, "LDH and trypsin are unrelated: " + pairing);
        ResiduePairing ldhs = ResiduePairing.bySequence(ldh(), ldh());
        assertEquals(1.0, ldhs.identity());
    }
}
