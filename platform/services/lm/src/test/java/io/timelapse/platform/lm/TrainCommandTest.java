package io.timelapse.platform.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.run.RunService;
import io.timelapse.platform.lm.cli.LmCommand;
import io.timelapse.platform.lm.config.NeoXConfigFile;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timelapse lm train}: its progress, its run record, and running it again on the same {@code --out}. */
class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CommandTester tester;
    private StatusRecordingRuns runs;
    private Path out;
    private Path config;
    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        runs = new StatusRecordingRuns(tester.runs());
        out = tmp.resolve("train-run");
        config = tmp.resolve("config.json");
        NeoXConfigFile.write(TrainingTest.CONFIG, config);
        data = TrainingTest.rows(tmp.resolve("rows.npy"));
    }

    private Result train(RunService service, String steps) {
        return tester.execute("lm", new LmCommand(Fixtures.MODELS, Fixtures.COMPUTE, service, null), "train", "--model-config", config.toString(),
                "--data", data.toString(), "--steps", steps, "--batch-size", "2", "--checkpoints", "steps:1", "--out", out.toString());
    }

    private JsonNode runJson() throws IOException {
        return JSON.readTree(out.resolve("run.json").toFile());
    }

    private String finalLoss() throws IOException {
        return String.format(Locale.ROOT, "%.4f", runJson().path("results").path("final_loss").asDouble());
    }

    /** Every file of the run directory with its size and modification time, and run.json's content. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(out)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                files.put(out.relativize(path).toString(), Files.isDirectory(path) ? "dir" : Files.size(path) + " " + Files.getLastModifiedTime(path));
            }
        }
        files.put("run.json content", Files.readString(out.resolve("run.json")));
        return files;
    }

    private static void assertNoStackTrace(Result result) {
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
    }

    @Test
    void showsTheLossOfEveryStepAndRecordsDeviceAndInputs() throws IOException {
        Result result = train(runs, "3");
        assertEquals(0, result.exitCode(), result.err());
        List<String> statuses = runs.statuses();
        assertEquals(3, statuses.size(), statuses.toString());
        statuses.forEach(status -> assertTrue(status.matches("loss \\d+\\.\\d{3}"), status));
        JsonNode run = runJson();
        double loss = run.path("results").path("final_loss").asDouble();
        assertEquals(String.format(Locale.ROOT, "loss %.3f", loss), statuses.get(2), "the last status is the final loss");
        assertTrue(result.out().contains("trained 3 steps, final loss " + finalLoss()), result.out());

        assertEquals(Fixtures.COMPUTE.device().summary(), run.path("device").asText());
        List<String> inputs = new ArrayList<>();
        run.path("inputs").forEach(input -> {
            assertEquals(64, input.path("sha256").asText().length(), input.toString());
            inputs.add(input.path("path").asText());
        });
        assertEquals(List.of(config.toAbsolutePath().toString(), data.toAbsolutePath().toString()), inputs);
    }

    @Test
    void runningAFinishedTrainingAgainSaysItIsCompleteWithItsFinalLossAndWritesNothing() throws IOException {
        assertEquals(0, train(runs, "3").exitCode());
        String loss = finalLoss();
        Map<String, String> before = snapshot();

        Result again = train(runs, "3");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("training in " + out + " is complete: 3 steps, final loss " + loss + ", 2 checkpoints in " + out.resolve("checkpoints")
                + "; nothing to do", again.out().strip());
        assertFalse(again.out().contains("NaN"), again.out());
        assertEquals(before, snapshot(), "nothing in the run directory changed");
    }

    @Test
    void aFinishedRunWhoseRecordLacksTheLossReportsTheLossItsLastStepLogged() throws IOException {
        assertEquals(0, train(runs, "3").exitCode());
        String loss = finalLoss();
        Path manifest = out.resolve("run.json");
        // What an earlier version recorded when a finished training was run again.
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"final_loss\" : [^,\n]+", "\"final_loss\" : \"NaN\""));
        assertTrue(Files.readString(manifest).contains("\"final_loss\" : \"NaN\""));

        Result again = train(runs, "3");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("is complete: 3 steps, final loss " + loss + ","), again.out());
    }

    @Test
    void aRefusedResumeLeavesTheFinishedRunAsItWas() throws IOException {
        assertEquals(0, train(runs, "3").exitCode());
        Map<String, String> before = snapshot();

        Result refused = train(runs, "4");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("--steps 3") && refused.err().contains("--steps 4"), refused.err());
        assertNoStackTrace(refused);
        assertEquals(before, snapshot(), "the finished run is untouched");
    }
}
