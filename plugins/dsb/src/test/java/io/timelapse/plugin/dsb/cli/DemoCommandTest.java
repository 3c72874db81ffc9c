package io.timelapse.plugin.dsb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dsb demo}: the MLP learns the embedded Fashion-MNIST images, as the probes of its checkpoints show. */
class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void realAccuracyRisesFarAboveChance() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("demo");
        Result result = tester.execute("dsb", new DemoCommand(tester.runs(), TestCompute.COMPUTE), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        List<String> csv = Files.readAllLines(out.resolve("probes.csv"));
        assertEquals("step,ds,net,arch,real_loss,real_accuracy,independent_loss,independent_accuracy,maxent_loss,maxent_accuracy,"
            + "gaussian_loss,gaussian_accuracy,got_loss,got_accuracy,cqn_loss,cqn_accuracy,shifted_loss,shifted_accuracy", csv.get(0));
        assertEquals(10, csv.size(), "steps 1, 2, 4, …, 256");
        double first = Double.parseDouble(csv.get(1).split(",")[5]);
        double last = Double.parseDouble(csv.get(9).split(",")[5]);
        assertTrue(csv.get(9).startsWith("256,fashion-mnist-embedded,mlp,196-512-10,"), csv.get(9));
        // Chance is 0.1; 256 steps on 768 images bring the 256 held-out ones well above it.
        assertTrue(first < 0.3, "step 1: " + first);
        assertTrue(last > 0.6, "step 256: " + last);
        assertTrue(result.out().contains("plots: " + out.resolve("accuracy_vs_step.png")), result.out());
    }
}
