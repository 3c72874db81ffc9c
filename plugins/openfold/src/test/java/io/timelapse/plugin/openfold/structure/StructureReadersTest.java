package io.timelapse.plugin.openfold.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructureReadersTest {

    @TempDir
    Path tmp;

    private static Path resource(String name) {
        return Fixtures.resourcePath("structures/" + name);
    }

    @Test
    void pdbReaderResolvesAltlocsMseHetatmAndModels() throws IOException {
        ProteinStructure structure = StructureFiles.read(resource("altloc_mse_models.pdb"));
        assertEquals(1, structure.chains().size(), "waters in chain W are not a protein chain");
        ProteinChain chain = structure.chain("A");
        assertEquals("MMX", chain.sequence(), "MSE becomes MET, ABA becomes X, HETATM ligand/water dropped");
        assertEquals(3, chain.length());
        // Highest occupancy wins (B, 0.60) ...
        assertEquals(26.381, chain.atom(0, AtomTypes.CA).x(), 1e-3);
        // ... and on a tie the first listed (A).
        assertEquals(25.112, chain.atom(0, AtomTypes.CB).x(), 1e-3);
        int sd = AtomTypes.atom37Index("SD");
        assertTrue(chain.hasAtom(1, sd), "MSE's SE is stored as MET's SD");
        assertEquals(27.101, chain.atom(1, sd).x(), 1e-3);
        assertEquals(12, chain.aatype()[1]);
        assertEquals(20, chain.aatype()[2]);
        assertTrue(chain.hasAtom(2, AtomTypes.CA), "atoms of an X residue keep their atom37 slots");
        assertEquals(1.80, structure.resolution().getAsDouble(), 1e-9);
        assertEquals(LocalDate.of(1993, 7, 15), structure.releaseDate().orElseThrow());
        assertEquals(3, chain.residueIndex()[2]);
    }

    @Test
    void gzipInputReadsLikePlain() throws IOException {
        Path gz = tmp.resolve("altloc.pdb.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(resource("altloc_mse_models.pdb"), out);
        }
        ProteinChain plain = StructureFiles.read(resource("altloc_mse_models.pdb")).chain("A");
        ProteinChain zipped = StructureFiles.read(gz).chain("A");
        assertEquals(plain.sequence(), zipped.sequence());
        assertEquals(java.util.Arrays.toString(plain.atomPositions()), java.util.Arrays.toString(zipped.atomPositions()));
    }

    @Test
    void mmcifReaderReadsSeqresResolvedResiduesAndMetadata() throws IOException {
        ProteinStructure structure = StructureFiles.read(resource("1ubi_test.cif"));
        ProteinChain cif = structure.chain("A");
        ProteinChain pdb = PdbReader.read(Fixtures.resourcePath("fixtures/structure_features/input.1ubi_atoms.pdb")).chain("A");
        assertEquals(76, cif.length(), "SEQRES length, including the two unresolved residues");
        assertEquals(pdb.sequence(), cif.sequence(), "MSE in SEQRES reads as M");
        assertEquals(74, cif.countResolvedCa());
        assertFalse(cif.hasAtom(75, AtomTypes.CA));
        int sd = AtomTypes.atom37Index("SD");
        assertTrue(cif.hasAtom(0, sd));
        for (int i = 0; i < 74; i++) {
            for (int a = 0; a < 37; a++) {
                assertEquals(pdb.hasAtom(i, a), cif.hasAtom(i, a), "mask of residue " + i + " atom " + a);
                if (pdb.hasAtom(i, a)) {
                    assertEquals(0.0, pdb.atom(i, a).distance(cif.atom(i, a)), 1e-3);
                }
            }
        }
        assertEquals(0, cif.residueIndex()[0]);
        assertEquals(75, cif.residueIndex()[75]);
        assertEquals(1.80, structure.resolution().getAsDouble(), 1e-9);
        assertEquals(LocalDate.of(1993, 7, 15), structure.releaseDate().orElseThrow());
    }
}
