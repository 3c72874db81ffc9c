package io.timelapse.plugin.openfold.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.msa.MsaParsers;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.structure.StructureFormatException;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input fails with a message naming the file and the problem. */
class BadInputTest {

    @TempDir
    Path tmp;

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void truncatedMmcif() throws IOException {
        String full = Files.readString(Fixtures.resourcePath("structures/1ubi_test.cif"));
        Path cut = tmp.resolve("truncated.cif");
        Files.writeString(cut, full.substring(0, full.indexOf("loop_\n_atom_site") + 40));
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> StructureFiles.read(cut));
        assertMentions(e, "truncated.cif");
        assertTrue(e.getMessage().contains("atom_site") || e.getMessage().contains("unreadable"), e.getMessage());
    }

    @Test
    void pdbWithoutCaAtoms() throws IOException {
        Path noCa = tmp.resolve("no_ca.pdb");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(Fixtures.resourcePath("fixtures/structure_features/input.1ubi_atoms.pdb"))) {
            if (!line.startsWith("ATOM") || !line.substring(12, 16).trim().equals("CA")) {
                sb.append(line).append('\n');
            }
        }
        Files.writeString(noCa, sb);
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> StructureFiles.read(noCa));
        assertMentions(e, "no_ca.pdb", "CA");
    }

    @Test
    void msaWhoseQueryLengthMismatchesTheStructure() throws IOException {
        ProteinChain chain = StructureFiles.read(Fixtures.resourcePath("fixtures/structure_features/input.1ubi_atoms.pdb")).chain("A");
        Msa msa = MsaParsers.read(Fixtures.resourcePath("fixtures/msa_parsing/input.vis.a3m"));
        AlignmentFormatException e = assertThrows(AlignmentFormatException.class,
                () -> new FeaturePipeline(PipelineConfig.tiny()).deterministic(chain, msa));
        assertMentions(e, "input.vis.a3m", "17", "76");
    }

    @Test
    void emptyAlignment() throws IOException {
        Path empty = tmp.resolve("empty.a3m");
        Files.writeString(empty, "\n");
        AlignmentFormatException e = assertThrows(AlignmentFormatException.class, () -> MsaParsers.read(empty));
        assertMentions(e, "empty.a3m", "empty alignment");
        Path headerOnly = tmp.resolve("header_only.sto");
        Files.writeString(headerOnly, "# STOCKHOLM 1.0\n//\n");
        e = assertThrows(AlignmentFormatException.class, () -> MsaParsers.read(headerOnly));
        assertMentions(e, "header_only.sto", "empty alignment");
    }

    @Test
    void raggedAlignment() throws IOException {
        Path ragged = tmp.resolve("ragged.a3m");
        Files.writeString(ragged, ">q\nMKLV\n>h\nMKL\n");
        AlignmentFormatException e = assertThrows(AlignmentFormatException.class, () -> MsaParsers.read(ragged));
        assertMentions(e, "ragged.a3m", "sequence 2", "3 aligned columns");
    }
}
