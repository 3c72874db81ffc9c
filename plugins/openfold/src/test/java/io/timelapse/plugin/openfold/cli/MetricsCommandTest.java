package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.plugin.openfold.metrics.StructureMetrics;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.PdbEdits;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openfold metrics}: residues paired by sequence, unrelated chains refused, a run directory written. */
class MetricsCommandTest {

    private static final List<String> METRICS = List.of("lddt_ca", "drmsd", "rmsd", "gdt_ts", "gdt_ha");

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    /** A trypsin numbered from 16, with insertion codes. */
    private static Path trypsin() {
        return Fixtures.resourcePath("theseus/1A0J_A.pdb.gz");
    }

    private static Path ldh() {
        return Fixtures.resourcePath("theseus/1a5z_A.pdb.gz");
    }

    private CommandTester.Result metrics(String... args) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        return tester.execute("openfold", new MetricsCommand(tester.runs()), args);
    }

    private JsonNode results(Path runDirectory) throws IOException {
        return json.readTree(runDirectory.resolve("run.json").toFile()).get("results");
    }

    @Test
    void aRenumberedNoisyCopyPairsFullyAndScoresAsWithTheSameNumbers() throws IOException {
        Path sameNumbers = PdbEdits.copy(trypsin(), tmp.resolve("noisy.pdb"), 1.0, false, 5);
        Path renumbered = PdbEdits.copy(trypsin(), tmp.resolve("noisy_renumbered.pdb"), 1.0, true, 5);

        CommandTester.Result byNumber = metrics("--pred", sameNumbers.toString(), "--true", trypsin().toString(),
                "--pairing", "number", "--out", tmp.resolve("by-number").toString());
        assertEquals(0, byNumber.exitCode(), byNumber.err());
        CommandTester.Result bySequence = metrics("--pred", renumbered.toString(), "--true", trypsin().toString(),
                "--out", tmp.resolve("by-sequence").toString());
        assertEquals(0, bySequence.exitCode(), bySequence.err());
        assertTrue(bySequence.out().contains("by sequence alignment, 223 residues paired, 223 identical (100.0 %"), bySequence.out());
        assertTrue(bySequence.out().contains("residues paired with a CA in both: 223 of 223"), bySequence.out());

        JsonNode number = results(tmp.resolve("by-number"));
        JsonNode sequence = results(tmp.resolve("by-sequence"));
        assertEquals(223, sequence.get("residues_paired").asInt());
        assertEquals(1.0, sequence.get("sequence_identity").asDouble());
        StructureMetrics direct = allCa(StructureFiles.read(sameNumbers).chain("A"), StructureFiles.read(trypsin()).chain("A"));
        double[] expected = {direct.lddtGlobal(), direct.drmsd(), direct.rmsd(), direct.gdtTs(), direct.gdtHa()};
        for (int k = 0; k < METRICS.size(); k++) {
            String name = METRICS.get(k);
            assertEquals(expected[k], number.get(name).asDouble(), 0.0, name);
            assertEquals(expected[k], sequence.get(name).asDouble(), 0.0, name);
        }
        assertTrue(expected[0] > 0.5 && expected[0] < 0.95, "1 Å noise gives an imperfect lDDT: " + expected[0]);
    }

    private static StructureMetrics allCa(ProteinChain pred, ProteinChain truth) {
        int n = truth.length();
        double[][] p = new double[n][3];
        double[][] t = new double[n][3];
        double[] mask = new double[n];
        for (int i = 0; i < n; i++) {
            pred.atom(i, AtomTypes.CA).writeTo(p[i], 0);
            truth.atom(i, AtomTypes.CA).writeTo(t[i], 0);
            mask[i] = 1;
        }
        return StructureMetrics.of(p, t, mask);
    }

    @Test
    void theRunRecordsBothInputsAndThePairs() throws IOException {
        Path out = tmp.resolve("run");
        CommandTester.Result r = metrics("--pred", trypsin().toString(), "--true", trypsin().toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode run = json.readTree(out.resolve("run.json").toFile());
        assertEquals("succeeded", run.get("status").asText());
        assertEquals(2, run.get("inputs").size());
        assertEquals("cc9533465919895fd0a71df4093a301c0e6a30601bbf28276990409f33462f11", run.get("inputs").get(0).get("sha256").asText());
        assertEquals(1.0, run.get("results").get("lddt_ca").asDouble());
        List<String> pairs = Files.readAllLines(out.resolve("pairs.tsv"));
        assertEquals(224, pairs.size());
        assertTrue(pairs.contains("164\t184\tPHE\t164\t184\tPHE\t1.0000"), "184A pairs with 184A: " + pairs.subList(163, 167));
    }

    @Test
    void anLdhAgainstATrypsinIsRefused() {
        Path out = tmp.resolve("refused");
        CommandTester.Result r = metrics("--pred", trypsin().toString(), "--true", ldh().toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("are not the same protein") && r.err().contains("1 identical (0.4 % of the 223 residues")
                && r.err().contains("below --min-identity 30 %") && r.err().contains("--pairing number"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out), "a refused comparison leaves no run directory");
        assertFalse(Files.exists(tmp.resolve("runs")));
        assertEquals("", r.out());
    }

    @Test
    void pairingByNumberWhenAskedWarnsLoudlyAboutUnrelatedResidues() throws IOException {
        CommandTester.Result r = metrics("--pred", trypsin().toString(), "--true", ldh().toString(), "--pairing", "number",
                "--out", tmp.resolve("asked").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("warning: pairing by residue number gives") && r.err().contains("below --min-identity 30 %"), r.err());
        assertTrue(r.out().contains("pairing: by residue number"), r.out());
        JsonNode results = results(tmp.resolve("asked"));
        assertTrue(results.get("warning").asText().contains("different proteins"), results.toString());
        assertTrue(results.get("sequence_identity").asDouble() < 0.1, results.toString());
    }
}
