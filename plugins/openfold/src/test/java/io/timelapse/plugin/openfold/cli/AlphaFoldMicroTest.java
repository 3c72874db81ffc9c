package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.compute.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.plugin.openfold.model.ModuleFiles;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole model through {@code openfold module alphafold_micro}: every output of the fixture (the last cycle's,
 * and what cycle 0 hands on) within max(1e-4, 5 × OpenFold's float32-vs-float64 difference), rtol 1e-4: tighter
 * than the fixture README's 1e-3 on Å-scale coordinates and frames, which the model does not need.
 */
class AlphaFoldMicroTest {

    private static final String NAME = "alphafold_micro";
    @TempDir
    Path tmp;

    @Test
    void reproducesEveryOutputOfTheFixture() throws IOException {
        Path out = tmp.resolve("run");
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        CommandTester.Result r = tester.execute("openfold", new ModuleCommand(tester.runs(), TestCompute.SERVICE),
                NAME, "--dir", Fixtures.resourcePath("fixtures/" + NAME).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        ModuleFixture fixture = ModuleFixture.of(NAME);
        List<Path> expected;
        try (Stream<Path> files = Files.list(Fixtures.resourcePath("fixtures/" + NAME))) {
            expected = files.filter(f -> f.getFileName().toString().startsWith("output.")).sorted().toList();
        }
        assertEquals(20, expected.size());
        for (Path file : expected) {
            String name = file.getFileName().toString();
            String output = name.substring("output.".length(), name.length() - ".npy".length());
            var written = ModuleFiles.host(Npy.read(out.resolve(name)), DType.F32);
            double error = fixture.assertOutput(output, written);
            System.out.printf("%s %s max abs error %.1e%n", NAME, output, error);
        }
    }
}
