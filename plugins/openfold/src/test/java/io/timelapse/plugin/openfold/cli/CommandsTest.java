package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.features.FeatureFiles;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void demoRunsOffline() {
        CommandTester.Result r = tester().execute("openfold", new DemoCommand(), "--seed", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("76 residues") && r.out().contains("lDDT-Ca"), r.out());
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

        CommandTester.Result info = tester.execute("openfold", new DatasetCommand(tester.runs()), "info", out.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("ubq: 1 chains; length min 76"), info.out());

        CommandTester.Result split = tester.execute("openfold", new DatasetCommand(tester.runs()),
                "split", out.toString(), "--name", "none", "--without-family", "ubq");
        assertEquals(0, split.exitCode(), split.err());
        assertEquals(0, DatasetManifest.read(out.resolve("manifest.none.json")).chains().size());
    }
}
