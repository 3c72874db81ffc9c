package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.compute.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code openfold module}: a fixture's files in, OpenFold's outputs out, through the command line. */
class ModuleCommandTest {

    @TempDir
    Path tmp;

    private CommandTester.Result module(String... args) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        return tester.execute("openfold", new ModuleCommand(tester.runs(), TestCompute.SERVICE), args);
    }

    private static Path fixture(String name) {
        return Fixtures.resourcePath("fixtures/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tri_mul_outgoing", "tri_att_start", "outer_product_mean", "msa_row_attention_pair_bias", "evoformer_block",
        "extra_msa_stack", "invariant_point_attention", "input_embedder", "recycling_embedder", "fape_backbone", "structure_module",
        "alphafold_loss"})
    void reproducesTheFixture(String name) throws IOException {
        Path out = tmp.resolve("run");
        CommandTester.Result r = module(name, "--dir", fixture(name).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        ModuleFixture fixture = ModuleFixture.of(name);
        List<Path> outputs;
        try (Stream<Path> files = Files.list(fixture(name))) {
            outputs = files.filter(f -> f.getFileName().toString().startsWith("output.") && !needsTheModel(f)).sorted().toList();
        }
        assertFalse(outputs.isEmpty());
        for (Path expected : outputs) {
            String file = expected.getFileName().toString();
            NpyArray written = Npy.read(out.resolve(file));
            String output = file.substring("output.".length(), file.length() - ".npy".length());
            fixture.assertOutput(output, ModuleFiles.host(written, DType.F32));
        }
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("succeeded", run.get("status").asText());
        long files;
        try (Stream<Path> list = Files.list(fixture(name))) {
            files = list.filter(f -> !f.getFileName().toString().startsWith("output.")).count();
        }
        assertEquals(files, run.get("inputs").size(), "meta.json, the inputs and the weights are recorded");
        assertEquals(name, run.get("results").get("module").asText());
    }

    /** alphafold_loss's end-to-end loss and gradients need alphafold_micro's model: AlphaFoldLossGoldenTest checks them. */
    private static boolean needsTheModel(Path output) {
        String file = output.getFileName().toString();
        return file.startsWith("output.e2e.") || file.startsWith("output.grad.");
    }

    @Test
    void acceptsOpenFoldsClassName() {
        Path out = tmp.resolve("by-class");
        CommandTester.Result r = module("triangle_multiplication_outgoing", "--dir", fixture("tri_mul_outgoing").toString(),
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("output.z_update.npy")));
    }

    @Test
    void anUnknownModuleListsTheKnownOnes() {
        CommandTester.Result r = module("structure_modul", "--dir", fixture("tri_mul_outgoing").toString(),
                "--out", tmp.resolve("x").toString());
        assertRefused(r, "NAME structure_modul: unknown module; known: tri_mul_outgoing, tri_att_start", "recycling_embedder");
    }

    @Test
    void aMissingDirectoryMetaInputOrWeightIsNamed() throws IOException {
        assertRefused(module("tri_mul_outgoing", "--dir", tmp.resolve("nowhere").toString()), "nowhere: not a directory");

        Path dir = copy("tri_mul_outgoing");
        Files.delete(dir.resolve("meta.json"));
        assertRefused(module("tri_mul_outgoing", "--dir", dir.toString()), dir.resolve("meta.json") + ": missing");

        dir = copy("tri_mul_outgoing");
        Files.delete(dir.resolve("input.pair_mask.npy"));
        assertRefused(module("tri_mul_outgoing", "--dir", dir.toString()), dir.resolve("input.pair_mask.npy") + ": missing");

        dir = copy("tri_mul_outgoing");
        Files.delete(dir.resolve("param.linear_g.weight.npy"));
        assertRefused(module("tri_mul_outgoing", "--dir", dir.toString()),
                dir.resolve("param.linear_g.weight.npy") + ": missing (shape [12, 12] expected)");
    }

    @Test
    void aMisShapedWeightNamesTheFileAndBothShapes() throws IOException {
        Path dir = copy("tri_mul_outgoing");
        Npy.write(dir.resolve("param.linear_z.weight.npy"), NpyArray.ofFloats(new float[12 * 5], 12, 5));
        assertRefused(module("tri_mul_outgoing", "--dir", dir.toString()),
                dir.resolve("param.linear_z.weight.npy") + ": shape F32[12, 5], but the module expects F32[12, 6]");
    }

    @Test
    void aMissingArgumentInMetaIsNamed() throws IOException {
        Path dir = copy("tri_mul_outgoing");
        Files.writeString(dir.resolve("meta.json"), "{\"c_z\": 12}");
        assertRefused(module("tri_mul_outgoing", "--dir", dir.toString()), dir.resolve("meta.json") + ": missing \"c_hidden_mul\"");
    }

    private Path copy(String name) throws IOException {
        Path dir = Files.createTempDirectory(tmp, name);
        try (Stream<Path> files = Files.list(fixture(name))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        return dir;
    }

    private void assertRefused(CommandTester.Result r, String... messages) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        for (String message : messages) {
            assertTrue(r.err().contains(message), r.err());
        }
        assertFalse(r.stackTrace(), r.err());
        assertFalse(Files.exists(tmp.resolve("runs")), "a refused run leaves no run directory");
    }
}
