package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.features.FeatureFiles;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as {@code timelapse openfold ...} runs them. */
class CommandsTest {

    private static final String UBQ = "MQIFVKTLTGKTITLEVEPSDTIENVKAKIQDKEGIPPDQQRLIFAGKQLEDGRTLSDYNIQKESTLHLVLRLRGG";

    @TempDir
    Path tmp;

    private CommandTester tester() {
        return new CommandTester(tmp.resolve("runs"));
    }

    private static Path ubiquitin() {
        return Fixtures.resourcePath("dataset/ubq/1ubi_A.pdb");
    }

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode runJson(Path runDirectory) throws IOException {
        return json.readTree(runDirectory.resolve("run.json").toFile());
    }

    private static List<String> inputNames(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.get("inputs").forEach(input -> names.add(Path.of(input.get("path").asText()).getFileName().toString()));
        return names;
    }

    @Test
    void demoRunsOfflineIntoItsRunDirectory() throws IOException {
        Path out = tmp.resolve("demo");
        CommandTester tester = tester();
        CommandTester.Result r = tester.execute("openfold", new DemoCommand(tester.runs()), "--seed", "1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("76 residues") && r.out().contains("lDDT-Ca"), r.out());
        JsonNode run = runJson(out);
        assertEquals("succeeded", run.get("status").asText());
        assertEquals(List.of("1ubi_A.pdb"), inputNames(run));
        assertEquals(64, run.get("inputs").get(0).get("sha256").asText().length());
        assertTrue(run.get("results").get("lddt_ca").asDouble() > 0.5, run.toString());
        assertArrayEquals(java.util.stream.IntStream.range(0, 76).toArray(), FeatureFiles.read(out.resolve("features.npz")).get("residue_index").ints());
    }

    @Test
    void featuresOfAPdbChainNumberResiduesFromZeroAsOpenFoldDoes() throws IOException {
        // 1A0J chain A is numbered 16..245 with insertion codes (184, 184A, ...): OpenFold's
        // make_protein_features uses range(N) whatever the file says.
        Path out = tmp.resolve("trypsin.npz");
        CommandTester tester = tester();
        CommandTester.Result r = tester.execute("openfold", new FeaturesCommand(tester.runs()),
                "--structure", Fixtures.resourcePath("theseus/1A0J_A.pdb.gz").toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        FeatureSet f = FeatureFiles.read(out);
        assertArrayEquals(java.util.stream.IntStream.range(0, 223).toArray(), f.get("residue_index").ints());
        assertArrayEquals(new int[] {223}, f.get("seq_length").ints());
    }

    @Test
    void featuresWritesAnNpzUnderOpenFoldNames() throws IOException {
        Path msa = tmp.resolve("ubq.a3m");
        Files.writeString(msa, ">q\n" + UBQ + "\n>v\n" + UBQ.substring(0, 70) + "kkAAAAAA\n");
        Path out = tmp.resolve("f.npz");
        CommandTester tester = tester();
        CommandTester.Result r = tester.execute("openfold", new FeaturesCommand(tester.runs()),
                "--structure", ubiquitin().toString(), "--chain", "A", "--msa", msa.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        FeatureSet f = FeatureFiles.read(out);
        assertArrayEquals(new int[] {2, 76}, f.get("msa").shape());
        assertEquals(2f, f.get("deletion_matrix").floats()[76 + 70]);
        assertArrayEquals(new int[] {76, 7, 2}, f.get("torsion_angles_sin_cos").shape());
        assertTrue(r.out().contains("rigidgroups_gt_frames"), r.out());
    }

    @Test
    void featuresReportsAMismatchedMsa() throws IOException {
        Path msa = tmp.resolve("short.a3m");
        Files.writeString(msa, ">q\nMQIFV\n");
        CommandTester tester = tester();
        CommandTester.Result r = tester.execute("openfold", new FeaturesCommand(tester.runs()),
                "--structure", ubiquitin().toString(), "--msa", msa.toString(), "--out", tmp.resolve("x.npz").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("short.a3m") && r.err().contains("5") && r.err().contains("76"), r.err());
    }

    @Test
    void metricsOfAStructureAgainstItselfArePerfect() {
        CommandTester.Result r = tester().execute("openfold", new MetricsCommand(tester().runs()),
                "--pred", ubiquitin().toString(), "--true", ubiquitin().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("lDDT-Ca: 1.0000") && r.out().contains("GDT-TS: 1.0000"), r.out());
    }

    @Test
    void datasetBuildInfoAndSplit() throws IOException {
        Path family = tmp.resolve("in/ubq");
        Files.createDirectories(family);
        try (Stream<Path> files = Files.list(Fixtures.resourcePath("dataset/ubq"))) {
            for (Path f : files.toList()) {
                Files.copy(f, family.resolve(f.getFileName()));
            }
        }
        CommandTester tester = tester();
        Path out = tmp.resolve("ds");
        CommandTester.Result built = tester.execute("openfold", new DatasetCommand(tester.runs()),
                "build", "--out", out.toString(), tmp.resolve("in").toString());
        assertEquals(0, built.exitCode(), built.err());
        assertTrue(built.out().contains("chains kept: 1, dropped: 1"), built.out());
        assertEquals(1, DatasetManifest.read(out.resolve("manifest.json")).chains().size());
        assertEquals(List.of("1ubi_A.pdb", "tiny_A.pdb", "ubq.fasta"), inputNames(runJson(out)), "every file the build read");

        CommandTester.Result info = tester.execute("openfold", new DatasetCommand(tester.runs()), "info", out.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("ubq: 1 chains; length min 76"), info.out());

        Path splitRun = tmp.resolve("split-run");
        CommandTester.Result split = tester.execute("openfold", new DatasetCommand(tester.runs()),
                "split", out.toString(), "--name", "none", "--without-family", "ubq", "--out", splitRun.toString());
        assertEquals(0, split.exitCode(), split.err());
        assertEquals(0, DatasetManifest.read(out.resolve("manifest.none.json")).chains().size());
        assertEquals(List.of("manifest.json"), inputNames(runJson(splitRun)), "split honours --out");
    }
}
