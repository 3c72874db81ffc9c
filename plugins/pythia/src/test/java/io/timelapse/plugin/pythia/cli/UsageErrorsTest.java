package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.PluginCommand;
import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** A bad option value is a usage error (exit 2) that names the option and says what is wrong, before any run starts. */
class UsageErrorsTest {

    private static final String SHARD = Fixtures.path("preshuffled/document-00000-of-00003.bin").toString();
    private static final String CORPUS = Fixtures.corpusPrefix().toString();

    @TempDir
    Path tmp;

    private Path runsRoot;
    private CommandTester tester;

    @BeforeEach
    void setUp() {
        runsRoot = tmp.resolve("runs");
        tester = new CommandTester(runsRoot);
    }

    /** The blend route over the fixture corpus, every other option given by the case or left at its default. */
    private static List<String> route(String... more) {
        List<String> args = new ArrayList<>(List.of("--train-data-paths", CORPUS));
        args.addAll(Arrays.asList(more));
        return args;
    }

    private static List<String> args(String... args) {
        return List.of(args);
    }

    /** A bad invocation and the words its error must contain. */
    private record Case(Function<CommandTester, PluginCommand> command, List<String> args, String message) {}

    private List<Case> cases() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        Path existingDirectory = Files.createDirectories(tmp.resolve("merged"));
        Function<CommandTester, PluginCommand> samples = t -> new SamplesCommand(t.runs());
        Function<CommandTester, PluginCommand> index = t -> new IndexCommand(t.runs());
        Function<CommandTester, PluginCommand> batch = t -> new BatchCommand(t.runs());
        Function<CommandTester, PluginCommand> locate = t -> new LocateCommand(t.runs());
        Function<CommandTester, PluginCommand> unshard = t -> new UnshardCommand(t.runs());
        Function<CommandTester, PluginCommand> detokenize = t -> new DetokenizeCommand(t.runs());
        return List.of(
                new Case(samples, route("--count", "1", "--dataset", "training"), "'training' is not train, valid or test"),
                new Case(samples, route("--count", "0"), "--count 0: must be at least 1"),
                new Case(samples, route("--count", "1", "--from", "-1"), "--from -1: must be at least 0"),
                new Case(samples, route("--count", "1", "--seed", "-1"), "--seed -1: numpy's RandomState"),
                new Case(samples, route("--count", "1", "--seed", "4294967296"), "--seed 4294967296: numpy's RandomState"),
                new Case(samples, route("--count", "1", "--seq-length", "0"), "--seq-length 0: must be at least 1"),
                new Case(samples, route("--count", "1", "--train-iters", "-1"), "--train-iters -1: must be at least 0"),
                new Case(samples, route("--count", "1", "--global-batch-size", "0"), "--global-batch-size 0: must be at least 1"),
                new Case(samples, route("--count", "1", "--eval-interval", "0"), "--eval-interval 0: must be at least 1"),
                new Case(samples, route("--count", "1", "--eval-iters", "-1"), "--eval-iters -1: must be at least 0"),
                new Case(samples, route("--count", "1", "--train-iters", "9223372036854775807"), "more samples than a 64-bit count"),
                new Case(samples, route("--count", "2000000000", "--seq-length", "64"),
                        "--count 2000000000: 2000000000 samples of 65 tokens"),
                new Case(samples, route("--count", "1", "--index-cache", notADirectory.toString()), "--index-cache " + notADirectory
                        + ": not a directory"),
                new Case(index, route("--train-data-weights", "1", "2"), "--train-data-weights 1.0 2.0: 2 weights for the 1 corpora"),
                new Case(index, route("--train-data-weights", "-1"), "weight -1.0 is not a finite number ≥ 0"),
                new Case(index, route("--train-data-weights", "0"), "the weights must not all be 0"),
                new Case(index, route("--valid-data-weights", "1"), "--valid-data-weights 1.0: 1 weights for the 0 corpora"),
                new Case(index, args("--data-path", CORPUS, "--split", "969,x,1"), "--split 969,x,1: 'x' is not a finite number ≥ 0"),
                new Case(index, args("--data-path", CORPUS, "--split", "-1,2,1"), "--split -1,2,1: '-1' is not a finite number ≥ 0"),
                new Case(index, args("--data-path", CORPUS, "--split", "0,0,0"), "--split 0,0,0: the sizes must not all be 0"),
                new Case(index, args("--data-path", CORPUS, "--split", "1,0,0", "--dataset", "test"),
                        "--split 1,0,0: gives the test dataset none of the 300 documents"),
                new Case(index, args("--data-path", CORPUS, "--train-data-paths", CORPUS), "either --data-path or --train-data-paths"),
                new Case(index, args("--data-path", CORPUS, "--train-data-weights", "1"), "--train-data-weights: blend-route options"),
                new Case(index, args("--seq-length", "64"), "give --data-path PREFIX or --train-data-paths"),
                new Case(index, args("--index-cache", tmp.toString(), "--train-data-paths", CORPUS), "Unknown options: '--index-cache'"),
                new Case(batch, args("--preshuffled", SHARD, "--step", "-1"), "--step -1: must be at least 0"),
                new Case(batch, args("--preshuffled", SHARD, "--step", "5", "--end-step", "4"), "--end-step 4: must be at least --step 5"),
                new Case(batch, args("--preshuffled", SHARD, "--step", "0", "--batch-size", "0"), "--batch-size 0: must be at least 1"),
                new Case(batch, args("--preshuffled", SHARD, "--step", "120", "--batch-size", "8"), "--step 120: " + SHARD
                        + " holds 960 rows, steps 0 to 119 of --batch-size 8"),
                new Case(batch, args("--preshuffled", SHARD, "--step", "0", "--end-step", "200", "--batch-size", "8"), "--end-step 200"),
                new Case(locate, args("--row", "-1", "--preshuffled", SHARD), "--row -1: must be at least 0"),
                new Case(locate, args("--row", "960", "--batch-size", "8", "--preshuffled", SHARD), "--row 960: " + SHARD
                        + " holds 960 rows"),
                new Case(locate, args("--row", "1", "--batch-size", "0", "--preshuffled", SHARD), "--batch-size 0: must be between 1"),
                new Case(locate, args("--row", "1"), "give route options (--train-data-paths or --data-path) or --preshuffled"),
                new Case(unshard, args(SHARD.replace("00000-of", "00001-of")), "FIRST_SHARD " + SHARD.replace("00000-of", "00001-of")
                        + ": not the first shard"),
                new Case(unshard, args(SHARD, "--out", existingDirectory.toString()), "--out " + existingDirectory + ": is a directory"),
                new Case(t -> new TokenizeCommand(t.runs()), args("--text", "a", notADirectory.toString()), "either --text or FILE"),
                new Case(detokenize, args("--ids", "12092,x"), "--ids: 'x' (item 2) is not an integer token id"),
                new Case(detokenize, args("--ids", "1", "--row", "0"), "--row 0: selects a row of FILE.npy"),
                new Case(detokenize, args(Fixtures.path("preshuffled/expected/batch_step0.npy").toString(), "--row", "8"),
                        "--row 8: outside the 8 rows"),
                new Case(detokenize, args(), "give either --ids or FILE.npy"),
                new Case(t -> new DemoCommand(t.runs()), args("--seed", "-1"), "--seed -1: numpy's RandomState"));
    }

    @TestFactory
    Stream<DynamicTest> badValuesAreUsageErrorsThatLeaveNoRunBehind() throws IOException {
        List<Case> cases = cases();
        return IntStream.range(0, cases.size()).mapToObj(n -> {
            Case c = cases.get(n);
            PluginCommand command = c.command().apply(tester);
            String name = command.getClass().getSimpleName() + " " + String.join(" ", c.args());
            return DynamicTest.dynamicTest(name, () -> {
                Path out = tmp.resolve("out-" + n);
                List<String> args = new ArrayList<>(c.args());
                if (!args.contains("--out")) {
                    args.addAll(List.of("--out", out.toString()));
                }
                Result result = tester.execute("pythia", command, args.toArray(String[]::new));
                assertEquals(2, result.exitCode(), result.err());
                assertTrue(result.err().contains(c.message()), result.err());
                assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
                assertFalse(Files.exists(out), "left " + out);
                assertEquals(List.of(), RunFiles.runDirectories(runsRoot), "left a run");
            });
        });
    }
}
