package io.timelapse.plugin.openfold.msa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Aligned FASTA, Clustal, A2M expansion and re-rooting, with hand-worked expectations. */
class MsaFormatsTest {

    private static final String FAMILY = """
            >a
            MK-LV--E
            >b
            MKALVGWE
            >c
            -KAL-G-E
            """;

    @Test
    void alignedFastaDropsQueryGapColumnsAndCountsDeletions() throws AlignmentFormatException {
        Msa msa = MsaParsers.parseAlignedFasta(FAMILY, "family.fasta").rerootOn(0);
        assertEquals(List.of("MKLVE", "MKLVE", "-KL-E"), msa.sequences());
        assertArrayEquals(new int[] {0, 0, 1, 0, 2}, msa.deletions().get(1));
        assertArrayEquals(new int[] {0, 0, 1, 0, 1}, msa.deletions().get(2));
    }

    @Test
    void rerootingMakesAnyMemberTheQuery() throws AlignmentFormatException {
        ColumnAlignment family = MsaParsers.parseAlignedFasta(FAMILY, "family.fasta");
        Msa onC = family.rerootOn(2);
        assertEquals(List.of("c", "a", "b"), onC.descriptions());
        assertEquals(List.of("KALGE", "K-L-E", "KALGE"), onC.sequences());
        assertArrayEquals(new int[] {1, 0, 0, 1, 0}, onC.deletions().get(1));
        assertArrayEquals(new int[] {1, 0, 0, 1, 1}, onC.deletions().get(2));
        assertEquals("KALGE", family.ungapped(2));
    }

    @Test
    void clustalBlocksAreConcatenated() throws AlignmentFormatException {
        String text = """
                CLUSTAL W (1.81) multiple sequence alignment

                a      MK-L
                b      MKAL
                         * *

                a      V--E
                b      VGWE
                """;
        ColumnAlignment aln = MsaParsers.parseClustal(text, "x.aln");
        assertEquals(List.of("MK-LV--E", "MKALVGWE"), aln.rows());
        assertEquals(List.of("MKLVE", "MKLVE"), aln.rerootOn(0).sequences());
    }

    @Test
    void a2mExpansionAlignsInsertStatesSoOtherMembersCanBeQuery() throws AlignmentFormatException {
        String a2m = """
                >q
                MK.LV
                >h1
                MKaaLV
                >h2
                MKgL-
                """;
        ColumnAlignment aln = MsaParsers.expandA2m(a2m, "x.a2m");
        assertEquals(List.of("MK--LV", "MKaaLV", "MKg-L-"), aln.rows());
        Msa asQuery = MsaParsers.parseA3m(a2m, "x.a2m");
        assertEquals(List.of("MKLV", "MKLV", "MKL-"), asQuery.sequences());
        assertArrayEquals(new int[] {0, 0, 2, 0}, asQuery.deletions().get(1));
        Msa onH1 = aln.rerootOn(1);
        assertEquals(List.of("MKAALV", "MK--LV", "MKG-L-"), onH1.sequences());
    }
}
