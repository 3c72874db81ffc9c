package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench openfold-data}'s errors and what it records, on a small stand-in for theseus-examples; no speed is checked. */
class DataBenchCommandTest {

    @TempDir
    Path tmp;

    private CommandTester.Result bench(String... args) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        return tester.execute("bench", new DataBenchCommand(tester.runs()), args);
    }

    /** An examples folder whose ldh and trypsins families are each the ubiquitin family of the test resources. */
    private Path examples() throws IOException {
        Path examples = tmp.resolve("examples");
        for (String family : DataBenchCommand.FAMILIES) {
            Path folder = Files.createDirectories(examples.resolve(family));
            try (Stream<Path> files = Files.list(Fixtures.resourcePath("dataset/ubq"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
        }
        return examples;
    }

    private boolean noRun() {
        return !Files.exists(tmp.resolve("runs")) || tmp.resolve("runs").toFile().list().length == 0;
    }

    @Test
    void withoutTheseusExamplesItNamesThePackageBeforeAnyRun() {
        Path missing = tmp.resolve("nowhere");
        CommandTester.Result result = bench("--examples", missing.toString());
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("error: --examples " + missing + ": no such folder; install the Debian package"
                + " theseus-examples (apt-get install theseus-examples)\n"), result.err());
        assertFalse(result.stackTrace(), result.err());
        assertTrue(noRun(), "no run directory");
    }

    @Test
    void aFolderWithoutTheFamiliesIsAUsageError() throws IOException {
        Path examples = examples();
        Files.delete(examples.resolve("trypsins/ubq.fasta"));
        Files.delete(examples.resolve("trypsins/1ubi_A.pdb"));
        Files.delete(examples.resolve("trypsins/tiny_A.pdb"));
        Files.delete(examples.resolve("trypsins"));
        CommandTester.Result result = bench("--examples", examples.toString());
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("error: --examples " + examples + ": has no trypsins folder;"), result.err());
        assertTrue(noRun(), "no run directory");
    }

    @Test
    void fewerThanOneChainOrRepeatIsAUsageError() throws IOException {
        Path examples = examples();
        assertTrue(bench("--examples", examples.toString(), "--chains", "0").err().startsWith("error: --chains 0: must be at least 1"));
        assertTrue(bench("--examples", examples.toString(), "--repeats", "0").err().startsWith("error: --repeats 0: must be at least 1"));
        assertTrue(noRun(), "no run directory");
    }

    @Test
    void withoutPythonTheFeaturesAreTimedAloneAndTheRunSaysWhy() throws IOException {
        Path out = tmp.resolve("bench");
        CommandTester.Result result = bench("--examples", examples().toString(), "--chains", "2", "--repeats", "2",
                "--python", tmp.resolve("no-python").toString(), "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("results");
        assertEquals(2, results.path("chains").asInt(), "1ubi_A of each family; OpenFold's filters drop tiny_A: " + results);
        assertEquals(152, results.path("residues").asInt());
        assertTrue(results.path("numpy_not_measured").asText().contains("cannot be started"), results.toString());
        for (String metric : List.of("input_features", "ground_truth_features")) {
            for (String figure : List.of("min", "median", "max")) {
                assertTrue(results.path(metric + "_ms_per_chain_" + figure).asDouble() > 0, metric + " " + figure + ": " + results);
            }
        }
        assertEquals(2, results.path("metrics").size());
        assertEquals(2, results.path("metrics").get(0).path("repeats").asInt());
        assertTrue(results.path("metrics").get(0).path("reference").isNull());
        assertEquals(2, Files.readAllLines(out.resolve("chains.tsv")).size());
        assertTrue(Files.isRegularFile(out.resolve("msas/ldh/1ubi_A.a3m")) && Files.isRegularFile(out.resolve("msas/trypsins/1ubi_A.a3m")));
        assertTrue(result.out().contains("input_features"), result.out());
    }
}
