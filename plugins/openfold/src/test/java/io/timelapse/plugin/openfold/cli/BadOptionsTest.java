package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.run.RunService;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad option values are usage errors: exit code 2, a message naming the option and what is wrong,
 * no stack trace, and no run directory left behind.
 */
class BadOptionsTest {

    @TempDir
    Path tmp;

    private Path manifest;

    private static String ubiquitin() {
        return Fixtures.resourcePath("dataset/ubq/1ubi_A.pdb").toString();
    }

    @BeforeEach
    void buildADataSet() throws IOException {
        Path family = tmp.resolve("in/ubq");
        Files.createDirectories(family);
        try (Stream<Path> files = Files.list(Fixtures.resourcePath("dataset/ubq"))) {
            for (Path f : files.toList()) {
                Files.copy(f, family.resolve(f.getFileName()));
            }
        }
        CommandTester tester = new CommandTester(tmp.resolve("setup-runs"));
        Path out = tmp.resolve("ds");
        assertEquals(0, tester.execute("openfold", new DatasetCommand(tester.runs()), "build", "--out", out.toString(),
                tmp.resolve("in").toString()).exitCode());
        manifest = out.resolve("manifest.json");
    }

    /** The command line plus {@code --out}, which must not be created. */
    private void assertUsageError(Function<RunService, Object> command, List<String> args, String... message) {
        List<String> line = new ArrayList<>(args);
        line.addAll(List.of("--out", tmp.resolve("out").toString()));
        assertRejected(command, line, message);
    }

    private void assertRejected(Function<RunService, Object> command, List<String> args, String... message) {
        Path runs = tmp.resolve("runs");
        Path out = tmp.resolve("out");
        List<String> line = args;
        CommandTester tester = new CommandTester(runs);
        CommandTester.Result r = tester.execute("openfold", command.apply(tester.runs()), line.toArray(String[]::new));
        assertEquals(2, r.exitCode(), args + "\n" + r.err());
        for (String part : message) {
            assertTrue(r.err().contains(part), args + ": '" + part + "' missing from\n" + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(runs) || Files.exists(out), args + " left a run directory behind");
    }

    @Test
    void features() {
        Function<RunService, Object> features = FeaturesCommand::new;
        assertUsageError(features, List.of("--structure", "nope.pdb"), "--structure nope.pdb: no such file");
        assertUsageError(features, List.of("--structure", tmp.toString()), "--structure " + tmp + ": is a folder, not a file");
        assertUsageError(features, List.of("--structure", ubiquitin(), "--chain", "Z"), "--chain Z:", "no protein chain 'Z'", "[A]");
        assertUsageError(features, List.of("--structure", ubiquitin(), "--msa", "gone.a3m"), "--msa gone.a3m: no such file");
        assertUsageError(features, List.of("--structure", ubiquitin(), "--sample", "--crop", "0"), "--crop 0: must be 1 or more");
        assertUsageError(features, List.of("--structure", ubiquitin(), "--max-msa-clusters", "-1"), "--max-msa-clusters -1: must be 1 or more");
        assertUsageError(features, List.of("--structure", ubiquitin(), "--max-extra-msa", "0"), "--max-extra-msa 0: must be 1 or more");
        assertUsageError(features, List.of("--structure", ubiquitin(), "--crop", "many"), "--crop", "many");
        assertRejected(features, List.of("--structure", ubiquitin(), "--out", tmp.resolve("out/f.npz").toString()),
                "--out " + tmp.resolve("out/f.npz") + ": no such folder " + tmp.resolve("out"));
    }

    @Test
    void metrics() {
        Function<RunService, Object> metrics = MetricsCommand::new;
        assertUsageError(metrics, List.of("--pred", "nope.pdb", "--true", ubiquitin()), "--pred nope.pdb: no such file");
        assertUsageError(metrics, List.of("--pred", ubiquitin(), "--true", "gone.cif"), "--true gone.cif: no such file");
        assertUsageError(metrics, List.of("--pred", ubiquitin(), "--true", ubiquitin(), "--pairing", "loose"),
                "--pairing loose: expected 'sequence' or 'number'");
        assertUsageError(metrics, List.of("--pred", ubiquitin(), "--true", ubiquitin(), "--min-identity", "101"),
                "--min-identity 101.0: must be between 0 and 100");
        assertUsageError(metrics, List.of("--pred", ubiquitin(), "--true", ubiquitin(), "--chain", "B"), "--chain B:", "no protein chain 'B'");
    }

    @Test
    void demo() {
        assertUsageError(DemoCommand::new, List.of("--noise", "-1"), "--noise -1.0: must be a number of Å, 0 or more");
        assertUsageError(DemoCommand::new, List.of("--noise", "NaN"), "--noise NaN:");
    }

    @Test
    void datasetBuild() {
        Function<RunService, Object> dataset = DatasetCommand::new;
        String root = tmp.resolve("in").toString();
        assertUsageError(dataset, List.of("build", "no-such-root"), "ROOT no-such-root: no such folder");
        assertUsageError(dataset, List.of("build", manifest.toString()), "ROOT " + manifest + ": not a folder");
        assertUsageError(dataset, List.of("build", "--threads", "0", root), "--threads 0: must be 1 or more");
        assertUsageError(dataset, List.of("build", "--max-resolution", "0", root), "--max-resolution 0.0: must be more than 0 Å");
        assertUsageError(dataset, List.of("build", "--release-cutoff", "2020-13-01", root),
                "'--release-cutoff': '2020-13-01' is not a date YYYY-MM-DD");
    }

    @Test
    void datasetSplitAndInfo() {
        Function<RunService, Object> dataset = DatasetCommand::new;
        String ds = manifest.getParent().toString();
        assertUsageError(dataset, List.of("split", ds, "--name", "../x"), "--name ../x: use only letters, digits");
        assertUsageError(dataset, List.of("split", ds, "--name", "n", "--count", "-2"), "--count -2: must be 0 or more");
        assertUsageError(dataset, List.of("split", ds, "--name", "n", "--elide", "mostly-gamma"),
                "--elide mostly-gamma: unknown secondary-structure label");
        assertUsageError(dataset, List.of("split", ds, "--name", "n", "--family", "kinases"),
                "--family kinases: no such family in the manifest; it has ubq");
        assertUsageError(dataset, List.of("split", ds, "--name", "n", "--without-family", "kinases"), "--without-family kinases:");
        assertUsageError(dataset, List.of("split", tmp.resolve("in").toString(), "--name", "n"),
                "MANIFEST " + tmp.resolve("in/manifest.json") + ": no such file");
        assertRejected(dataset, List.of("info", "missing.json"), "MANIFEST missing.json: no such file");
    }

    @Test
    void datasetWithoutACommand() {
        assertUsageError(DatasetCommand::new, List.of(), "Missing required subcommand: one of info, split, build, merge");
    }
}
