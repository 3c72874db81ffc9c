package io.timelapse.platform.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.platform.lm.cli.LmCommand;
import io.timelapse.platform.lm.config.NeoXConfigFile;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad option values of every lm command are usage errors: exit code 2, a message naming the option
 * and the value, no stack trace, and no run directory left behind.
 */
class LmUsageErrorsTest {

    /** A provider that reads no dataset, so that only .npy data is accepted. */
    private static final TrainingDataProvider NO_DATASETS = new TrainingDataProvider() {
        @Override
        public String layout() {
            return "test";
        }

        @Override
        public boolean accepts(Path path) {
            return false;
        }

        @Override
        public TrainingData open(Path path, int batchSize) {
            throw new AssertionError("opened " + path);
        }
    };

    @TempDir
    Path tmp;

    private CommandTester tester;

    @BeforeEach
    void setUp() {
        tester = new CommandTester(tmp.resolve("runs"));
    }

    /** Paths in the cases below: {@code ROWS} (48 training rows of 17 tokens), {@code CONFIG}, {@code MISSING}, {@code TINY} and its files. */
    private String path(String word) throws IOException {
        return switch (word) {
            case "ROWS" -> Files.exists(tmp.resolve("rows.npy")) ? tmp.resolve("rows.npy").toString()
                    : TrainingTest.rows(tmp.resolve("rows.npy")).toString();
            case "CONFIG" -> {
                Path config = tmp.resolve("config.json");
                if (!Files.exists(config)) {
                    NeoXConfigFile.write(TrainingTest.CONFIG, config);
                }
                yield config.toString();
            }
            case "MISSING" -> tmp.resolve("missing.npy").toString();
            case "TINY" -> Fixtures.tiny().toString();
            case "TINY_CONFIG" -> Fixtures.tiny("config.json").toString();
            case "PREFIXES" -> Fixtures.tiny("prefixes.npy").toString();
            default -> word;
        };
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("generate --new-tokens -3", "--new-tokens -3: must be at least 1"),
                bad("generate --new-tokens 0", "--new-tokens 0: must be at least 1"),
                bad("generate --batch-size 0", "--batch-size 0: must be at least 1"),
                bad("generate --ban-token 512", "--ban-token 512: not a token id of the model's vocabulary [0, 512)"),
                bad("generate --ban-token -1", "--ban-token -1: not a token id of the model's vocabulary [0, 512)"),
                bad("generate --prefix MISSING", "--prefix MISSING: no such file or directory"),
                bad("generate --prefix TINY", "--prefix TINY: is a directory, not a file"),
                bad("generate --model MISSING", "--model MISSING: no such file or directory"),
                bad("generate --model TINY_CONFIG", "--model TINY_CONFIG: not a directory"),
                bad("logits --batch-size -1", "--batch-size -1: must be at least 1"),
                bad("logits --input MISSING", "--input MISSING: no such file or directory"),
                bad("logits --model MISSING", "--model MISSING: no such file or directory"),
                bad("info --model MISSING", "--model MISSING: no such file or directory"),
                bad("info --model TINY_CONFIG", "--model TINY_CONFIG: not a directory"),
                bad("train --steps 0", "--steps 0: must be at least 1"),
                bad("train --steps 30", "--steps 30: with --batch-size 2 this needs more rows than the 48 of ROWS (24 steps at most)"),
                bad("train --batch-size 0", "--batch-size 0: must be at least 1"),
                bad("train --lr 0", "--lr 0: must be a positive number"),
                bad("train --lr -1e-3", "--lr -0.001: must be a positive number"),
                bad("train --lr NaN", "--lr NaN: must be a positive number"),
                bad("train --warmup -1", "--warmup -1: must be at least 0"),
                bad("train --warmup 4", "--warmup 4: more warm-up steps than --steps 3"),
                bad("train --weight-decay -0.5", "--weight-decay -0.5: must be zero or a positive number"),
                bad("train --checkpoints every:0", "--checkpoints every:0: checkpoint interval must be positive, got 0"),
                bad("train --checkpoints sometimes", "--checkpoints sometimes: checkpoint schedule 'sometimes': unknown part 'sometimes'"),
                bad("train --data MISSING", "--data MISSING: no such file or directory"),
                bad("train --data CONFIG", "--data CONFIG: neither an .npy file of token rows nor a dataset the test provider reads"),
                bad("train --model-config MISSING", "--model-config MISSING: no such file or directory"));
    }

    private static Arguments bad(String change, String message) {
        return Arguments.of(change, message);
    }

    /** A valid command line of {@code command}, with the options of {@code change} replaced or added. */
    private List<String> line(String change) throws IOException {
        String[] words = change.split(" ");
        String command = words[0];
        List<String> args = new ArrayList<>(switch (command) {
            case "generate" -> List.of("--model", "TINY", "--prefix", "PREFIXES", "--new-tokens", "4");
            case "logits" -> List.of("--model", "TINY", "--input", "PREFIXES");
            case "info" -> List.of("--model", "TINY");
            case "train" -> List.of("--model-config", "CONFIG", "--data", "ROWS", "--steps", "3", "--batch-size", "2");
            default -> throw new IllegalArgumentException(command);
        });
        for (int i = 1; i < words.length; i += 2) {
            int at = args.indexOf(words[i]);
            if (at >= 0) {
                args.set(at + 1, words[i + 1]);
            } else {
                args.add(words[i]);
                args.add(words[i + 1]);
            }
        }
        args.add(0, command);
        args.add("--out");
        args.add(tmp.resolve("out").toString());
        List<String> resolved = new ArrayList<>();
        for (String arg : args) {
            resolved.add(path(arg));
        }
        return resolved;
    }

    private Result lm(List<String> args) {
        return tester.execute("lm", new LmCommand(Fixtures.MODELS, Fixtures.COMPUTE, tester.runs(), NO_DATASETS), args.toArray(String[]::new));
    }

    private void assertUsageError(Result result, String message) {
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(message), "expected '" + message + "' in:\n" + result.err());
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
        assertTrue(Files.notExists(tmp.resolve("out")), "no --out directory");
        assertTrue(Files.notExists(tmp.resolve("runs")), "no default run directory");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsAUsageErrorNamingTheOptionAndTheValueAndStartsNoRun(String change, String message) throws IOException {
        String expected = message;
        for (String word : List.of("MISSING", "TINY_CONFIG", "TINY", "ROWS", "CONFIG")) {
            expected = expected.replace(word, path(word));
        }
        assertUsageError(lm(line(change)), expected);
    }

    @Test
    void theGroupWithoutACommandSaysWhichAreThere() {
        Result result = lm(List.of());
        assertUsageError(result, "Missing required subcommand: one of info, logits, generate, corpus, train");
    }
}
