package io.timelapse.plugin.openfold.msa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.plugin.openfold.residue.ResidueTypes;
import org.junit.jupiter.api.Test;

class PairwiseAlignmentTest {

    private static final PairwiseAlignment.Scoring BLOSUM = new PairwiseAlignment.Scoring(Blosum62::score, 11, 1, true);
    private static final PairwiseAlignment.Scoring IDENTITY_LINEAR =
            new PairwiseAlignment.Scoring((a, b) -> a == b ? 2 : -1, 2, 2, false);

    @Test
    void identicalSequencesAlignOneToOne() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, PairwiseAlignment.align("MKLVE", "MKLVE", BLOSUM));
    }

    @Test
    void aDeletionBecomesOneGapBetweenTheAlignedBlocks() {
        // b lacks the block GGG of a: one gap costs 11 + 2·1, far less than mismatching the C blocks.
        int[] map = PairwiseAlignment.align("WWWWGGGCCCC", "WWWWCCCC", BLOSUM);
        assertArrayEquals(new int[] {0, 1, 2, 3, -1, -1, -1, 4, 5, 6, 7}, map);
    }

    @Test
    void freeEndGapsLetAFragmentSitInsideTheWholeChain() {
        String whole = "MQIFVKTLTGKTITLEVEPSDTIENVKAKIQDKEG";
        String fragment = whole.substring(10, 25);
        int[] map = PairwiseAlignment.align(fragment, whole, BLOSUM);
        for (int i = 0; i < map.length; i++) {
            assertEquals(10 + i, map[i]);
        }
        int[] reverse = PairwiseAlignment.align(whole, fragment, BLOSUM);
        assertEquals(-1, reverse[9]);
        assertEquals(0, reverse[10]);
        assertEquals(14, reverse[24]);
        assertEquals(-1, reverse[25]);
    }

    @Test
    void penalisedEndGapsAndLinearCostsReproducePlainNeedlemanWunsch() {
        // Score 2·4 − 2·1 − 2 = 4: M K L V aligned, A against a gap, E against a gap at the end.
        assertArrayEquals(new int[] {0, 1, -1, 2, 3}, PairwiseAlignment.align("MKALV", "MKLVE", IDENTITY_LINEAR));
        assertArrayEquals(new int[] {}, PairwiseAlignment.align("", "MKLV", IDENTITY_LINEAR));
        assertArrayEquals(new int[] {-1, -1}, PairwiseAlignment.align("MK", "", BLOSUM));
    }

    @Test
    void blosum62IsSymmetricWithItsKnownValues() {
        String letters = ResidueTypes.RESTYPES + "X";
        for (char a : letters.toCharArray()) {
            for (char b : letters.toCharArray()) {
                assertEquals(Blosum62.score(a, b), Blosum62.score(b, a), a + "/" + b);
            }
        }
        assertEquals(4, Blosum62.score('A', 'A'));
        assertEquals(9, Blosum62.score('C', 'C'));
        assertEquals(11, Blosum62.score('W', 'W'));
        assertEquals(2, Blosum62.score('D', 'E'));
        assertEquals(-4, Blosum62.score('W', 'D'));
        assertEquals(-1, Blosum62.score('X', 'X'));
        assertEquals(Blosum62.score('X', 'L'), Blosum62.score('B', 'L'), "letters outside the alphabet score as X");
    }
}
