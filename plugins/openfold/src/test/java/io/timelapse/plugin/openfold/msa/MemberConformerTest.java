package io.timelapse.plugin.openfold.msa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A member that differs from its structure's residues is edited to match them exactly. */
class MemberConformerTest {

    private static ColumnAlignment family() throws AlignmentFormatException {
        return ColumnAlignment.of("f", List.of("q", "h"), List.of("MK-LV", "MKALV"));
    }

    @Test
    void residueMissingFromTheMemberGetsItsOwnColumn() throws AlignmentFormatException {
        MemberConformer.Result r = MemberConformer.conform(family(), 0, "MKLVE");
        assertEquals(List.of("MK-LVE", "MKALV-"), r.alignment().rows());
        assertEquals(1, r.inserted());
        Msa msa = r.alignment().rerootOn(0);
        assertEquals(List.of("MKLVE", "MKLV-"), msa.sequences());
        assertArrayEquals(new int[] {0, 0, 1, 0, 0}, msa.deletions().get(1));
    }

    @Test
    void memberResidueMissingFromTheStructureBecomesAGap() throws AlignmentFormatException {
        MemberConformer.Result r = MemberConformer.conform(family(), 0, "MLV");
        assertEquals(List.of("M--LV", "MKALV"), r.alignment().rows());
        assertEquals(1, r.removed());
        Msa msa = r.alignment().rerootOn(0);
        assertEquals(List.of("MLV", "MLV"), msa.sequences());
        assertArrayEquals(new int[] {0, 2, 0}, msa.deletions().get(1));
    }

    @Test
    void unknownResiduesMatchAnything() throws AlignmentFormatException {
        MemberConformer.Result r = MemberConformer.conform(family(), 1, "MXALV");
        assertEquals(0, r.edits());
        assertEquals(List.of("MK-LV", "MXALV"), r.alignment().rows());
    }
}
