package io.timelapse.plugin.openfold.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.npy.Npz;
import io.timelapse.plugin.openfold.modelio.Python3;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.structure.MmcifReader;
import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rcsb.cif.CifIO;
import org.rcsb.cif.schema.StandardSchemata;
import org.rcsb.cif.schema.mm.AtomSite;

/** A predicted chain (ubiquitin's atoms with a made-up pLDDT) written and read back by the plugin's own readers. */
class PredictionWritersTest {

    @TempDir
    Path tmp;

    private ProteinChain chain;
    private PredictedStructure predicted;

    @BeforeEach
    void predict() throws IOException {
        chain = StructureFiles.read(Fixtures.resourcePath("fixtures/structure_features/input.1ubi_atoms.pdb")).chain("A");
        float[] plddt = new float[chain.length()];
        int[] numbers = new int[chain.length()];
        for (int i = 0; i < plddt.length; i++) {
            plddt[i] = 30f + (i * 7.37f) % 70f;
            numbers[i] = chain.residueIndex()[i] + 10;
        }
        predicted = new PredictedStructure(chain.aatype(), numbers, chain.atomPositions(), chain.atomMask(), plddt);
    }

    private void assertSameAtoms(ProteinChain read) {
        assertArrayEquals(chain.aatype(), read.aatype());
        assertArrayEquals(chain.atomMask(), read.atomMask());
        float[] expected = chain.atomPositions();
        float[] actual = read.atomPositions();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 5e-4, "coordinate " + i);
        }
    }

    @Test
    void pdbReadsBackWithPlddtAsBFactorAndTheResidueNumbers() throws IOException {
        Path file = tmp.resolve("prediction.pdb");
        PdbWriter.write(file, predicted);
        ProteinChain read = PdbReader.read(file).chain("A");
        assertSameAtoms(read);
        assertArrayEquals(predicted.residueNumbers(), read.residueIndex());

        List<String> lines = Files.readAllLines(file);
        List<String> atoms = lines.stream().filter(line -> line.startsWith("ATOM  ")).toList();
        int expectedAtoms = 0;
        for (float m : chain.atomMask()) {
            expectedAtoms += m > 0.5f ? 1 : 0;
        }
        assertEquals(expectedAtoms, atoms.size());
        int residue = -1;
        int previousNumber = Integer.MIN_VALUE;
        for (String atom : atoms) {
            int number = Integer.parseInt(atom.substring(22, 26).trim());
            if (number != previousNumber) {
                residue++;
                previousNumber = number;
            }
            assertEquals(80, atom.length(), atom);
            assertEquals(String.format(java.util.Locale.ROOT, "%6.2f", predicted.plddt()[residue]), atom.substring(60, 66), atom);
            assertEquals(atom.substring(12, 16).trim().substring(0, 1), atom.substring(76, 78).trim(), "element of " + atom);
            assertEquals("A", atom.substring(21, 22));
        }
        assertEquals("ATOM      1  N   MET A  11", atoms.get(0).substring(0, 26));
        assertTrue(lines.get(lines.size() - 3).startsWith(String.format("TER   %5d      GLY A  86", expectedAtoms + 1)),
                lines.get(lines.size() - 3));
        assertEquals(List.of("ENDMDL", "END"), lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void mmcifReadsBackWithPlddtAsBIsoOrEquiv() throws IOException {
        Path file = tmp.resolve("prediction.cif");
        MmcifWriter.write(file, predicted, "prediction");
        ProteinChain read = MmcifReader.read(file).chain("A");
        assertSameAtoms(read);

        AtomSite site = CifIO.readFromPath(file).as(StandardSchemata.MMCIF).getFirstBlock().getAtomSite();
        int row = 0;
        for (int i = 0; i < predicted.length(); i++) {
            for (int atom = 0; atom < AtomTypes.NUM_ATOM37; atom++) {
                if (predicted.hasAtom(i, atom)) {
                    assertEquals(predicted.plddt()[i], site.getBIsoOrEquiv().get(row), 5e-3, "B_iso_or_equiv of row " + row);
                    assertEquals(predicted.residueNumbers()[i], site.getAuthSeqId().get(row));
                    assertEquals(i + 1, site.getLabelSeqId().get(row));
                    assertEquals(AtomTypes.ATOM37[atom].substring(0, 1), site.getTypeSymbol().get(row));
                    row++;
                }
            }
        }
        assertEquals(row, site.getRowCount());
    }

    private static Map<String, HostTensor> outputs(PredictedStructure predicted) {
        Map<String, HostTensor> outputs = new LinkedHashMap<>();
        int n = predicted.length();
        outputs.put("final_atom_positions", HostTensor.of(predicted.atom37Positions(), n, 37, 3));
        outputs.put("plddt", HostTensor.of(predicted.plddt(), n));
        outputs.put("aatype", HostTensor.of(predicted.aatype(), n));
        outputs.put("distogram_logits", HostTensor.of(new double[] {0.25, -1.5, 3, 4}, 1, 2, 2));
        outputs.put("num_recycles", HostTensor.scalar(3L));
        return outputs;
    }

    @Test
    void npzKeepsEachOutputsDtypeAndShape() throws IOException {
        Path file = tmp.resolve("outputs.npz");
        PredictionNpz.write(file, outputs(predicted));
        Map<String, NpyArray> read = Npz.read(file);
        assertEquals(List.of("final_atom_positions", "plddt", "aatype", "distogram_logits", "num_recycles"), List.copyOf(read.keySet()));
        assertEquals(DType.FLOAT32, read.get("final_atom_positions").dtype());
        assertArrayEquals(new long[] {predicted.length(), 37, 3}, read.get("final_atom_positions").shape());
        assertArrayEquals(predicted.atom37Positions(), read.get("final_atom_positions").asFloatArray());
        assertArrayEquals(predicted.aatype(), read.get("aatype").asIntArray());
        assertEquals(DType.FLOAT64, read.get("distogram_logits").dtype());
        assertArrayEquals(new double[] {0.25, -1.5, 3, 4}, read.get("distogram_logits").asDoubleArray());
        assertEquals(DType.INT64, read.get("num_recycles").dtype());
        assertEquals(0, read.get("num_recycles").ndim());
        assertEquals(3L, read.get("num_recycles").getLong(0));
    }

    @Test
    void numpyLoadsTheNpz() throws Exception {
        assumeTrue(Python3.imports("numpy"), "needs /usr/bin/python3 with numpy");
        Path file = tmp.resolve("outputs.npz");
        PredictionNpz.write(file, outputs(predicted));
        String out = Python3.run("-c", "import numpy as np\n"
                + "z = np.load('" + file + "')\n"
                + "for k in z.files: print(k, z[k].dtype, z[k].shape, repr(float(z[k].astype(np.float64).sum())))\n");
        double positions = 0;
        for (float v : predicted.atom37Positions()) {
            positions += v;
        }
        List<String> lines = out.lines().toList();
        assertEquals(5, lines.size(), out);
        String[] first = lines.get(0).split(" ", 2);
        assertEquals("final_atom_positions", first[0]);
        assertTrue(first[1].startsWith("float32 (" + predicted.length() + ", 37, 3) "), out);
        assertEquals(positions, Double.parseDouble(first[1].substring(first[1].lastIndexOf(' ') + 1)), 1e-2);
        assertTrue(lines.get(2).startsWith("aatype int32 (" + predicted.length() + ",) "), out);
        assertEquals("distogram_logits float64 (1, 2, 2) 5.75", lines.get(3));
        assertEquals("num_recycles int64 () 3.0", lines.get(4));
    }
}
