package io.timelapse.plugin.memorization.cli;

import io.timelapse.plugin.memorization.scoring.TinyModel;
import io.timelapse.testkit.CommandTester;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options of {@code memorization score} are usage errors, refused before a run directory exists. */
class ScoreOptionsTest {

    @TempDir
    Path tmp;

    private void assertRefused(String message, String... options) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("--model", TinyModel.directory().toString(), "--data", TinyModel.inputs().toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--out", out.toString()));
        Usage.assertRefused(tester.execute("memorization", new ScoreCommand(tester.runs(), TinyModel.MODELS, ScoreCommandTest.NO_LAYOUT, TinyModel.COMPUTE),
                args.toArray(String[]::new)), message, out);
    }

    @Test
    void rowSelections() {
        assertRefused("--rows 32:0: a row range needs 0 ≤ from ≤ to, got [32, 0)", "--rows", "32:0");
        assertRefused("--rows 0:100: reaches row 99, but --data " + TinyModel.inputs() + " has 8 rows", "--rows", "0:100");
        assertRefused("--rows 1-3: expected FROM:TO, such as 0:1024", "--rows", "1-3");
        assertRefused("--steps 2:1: a step range needs 0 ≤ from ≤ to", "--steps", "2:1", "--batch-size", "2");
        assertRefused("--steps 0:5: reaches row 9, but --data", "--steps", "0:5", "--batch-size", "2");
        assertRefused("--steps 0:4611686018427387904: long overflow", "--steps", "0:4611686018427387904", "--batch-size", "2");
        assertRefused("--sample 9: cannot draw 9 rows from the 8 rows of [0, 8)", "--all-rows", "--sample", "9");
        assertRefused("--shard 3/2: expected i/n with 0 ≤ i < n", "--all-rows", "--shard", "3/2");
    }

    @Test
    void scoringOptions() {
        assertRefused("--prefix must be ≥ 1", "--all-rows", "--prefix", "0");
        assertRefused("--prefix 40 --continuation 40: 80 tokens, but the rows of --data", "--all-rows", "--prefix", "40", "--continuation", "40");
        assertRefused("--prefix 100 --continuation 100: 200 tokens exceed the model's 128 positions", "--all-rows", "--prefix", "100", "--continuation", "100");
        assertRefused("--ban-token 512: not a token id of the model (0 to 511)", "--all-rows", "--ban-token", "512");
        assertRefused("--eval-batch 0: must be ≥ 1", "--all-rows", "--eval-batch", "0");
        assertRefused("--batch-size 0: must be ≥ 1", "--all-rows", "--batch-size", "0");
        assertRefused("--step -1: must be ≥ 0", "--all-rows", "--step", "-1");
    }

    @Test
    void missingInputs() {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("out");
        Usage.assertRefused(tester.execute("memorization", new ScoreCommand(tester.runs(), TinyModel.MODELS, ScoreCommandTest.NO_LAYOUT, TinyModel.COMPUTE),
                "--model", tmp.resolve("nowhere").toString(), "--data", TinyModel.inputs().toString(), "--out", out.toString()),
                "--model " + tmp.resolve("nowhere") + ": no such directory", out);
        Usage.assertRefused(tester.execute("memorization", new ScoreCommand(tester.runs(), TinyModel.MODELS, ScoreCommandTest.NO_LAYOUT, TinyModel.COMPUTE),
                "--model", tmp.toString(), "--data", TinyModel.inputs().toString(), "--out", out.toString()), "--model " + tmp + ": ", out);
        Usage.assertRefused(tester.execute("memorization", new ScoreCommand(tester.runs(), TinyModel.MODELS, ScoreCommandTest.NO_LAYOUT, TinyModel.COMPUTE),
                "--model", TinyModel.directory().toString(), "--data", tmp.resolve("rows.npy").toString(), "--out", out.toString()),
                "--data " + tmp.resolve("rows.npy") + ": no such file or directory", out);
        Usage.assertRefused(tester.execute("memorization", new ScoreCommand(tester.runs(), TinyModel.MODELS, ScoreCommandTest.NO_LAYOUT, TinyModel.COMPUTE),
                "--model", TinyModel.directory().toString(), "--data", TinyModel.directory().resolve("scores_plain.npy").toString(), "--all-rows",
                "--out", out.toString()), "--data " + TinyModel.directory().resolve("scores_plain.npy") + ": expected a 2-D integer array", out);
    }
}
