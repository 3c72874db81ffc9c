package io.timelapse.plugin.openfold.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.Module;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights round-trip through safetensors under OpenFold's names, and every kind of bad weights file is refused by name. */
class WeightsFileTest {

    private static final String Q = "evoformer.blocks.0.msa_att_row.mha.linear_q.weight";
    private static final String NORM = "evoformer.blocks.0.msa_att_row.layer_norm_m.weight";

    @TempDir
    Path tmp;

    /** A small model whose parameters carry OpenFold's state-dict names. */
    static final class RowAttention extends Module {
        RowAttention(Ops ops, DType dtype) {
            super(ops);
            Ops row = ops.scope("evoformer").scope("blocks").scope("0").scope("msa_att_row");
            child(new LayerNorm(row.scope("layer_norm_m"), 8, dtype));
            child(new Linear(row.scope("mha").scope("linear_q"), 8, 4, false, dtype));
            child(new Linear(row.scope("mha").scope("linear_o"), 4, 8, true, dtype));
        }
    }

    private Map<String, HostTensor> saveRandom(Path file, long seed) throws IOException {
        try (Graph graph = TestCompute.SERVICE.newGraph(seed)) {
            RowAttention model = new RowAttention(graph.ops(), DType.F32);
            try (Session session = graph.newSession()) {
                session.initialize();
                WeightsFile.save(file, session, model, "tiny");
                return StateDict.read(session, model.parameters());
            }
        }
    }

    private Map<String, HostTensor> load(Path file, DType dtype) throws IOException {
        try (Graph graph = TestCompute.SERVICE.newGraph(99)) {
            RowAttention model = new RowAttention(graph.ops(), dtype);
            try (Session session = graph.newSession()) {
                session.initialize();
                LoadReport report = WeightsFile.load(file, session, model);
                assertTrue(report.isExact(), report.describe());
                return StateDict.read(session, model.parameters());
            }
        }
    }

    @Test
    void savesEveryParameterUnderItsOpenFoldNameWithMetadata() throws IOException {
        Path file = tmp.resolve("weights.safetensors");
        Map<String, HostTensor> saved = saveRandom(file, 1);
        assertEquals(Set.of(NORM, "evoformer.blocks.0.msa_att_row.layer_norm_m.bias", Q,
                "evoformer.blocks.0.msa_att_row.mha.linear_o.weight", "evoformer.blocks.0.msa_att_row.mha.linear_o.bias"),
                saved.keySet());
        try (SafetensorsFile store = SafetensorsFile.open(file)) {
            assertEquals(Set.copyOf(saved.keySet()), Set.copyOf(store.names()));
            assertArrayEquals(new long[] {4, 8}, store.info(Q).shape());
        }
        assertEquals(Map.of("format", WeightsFile.FORMAT, "config", "tiny"), WeightsFile.metadata(file));
        assertEquals("tiny", WeightsFile.configName(file).orElseThrow());
    }

    @Test
    void loadsTheSavedValuesIntoAnotherModelAlsoInFloat64() throws IOException {
        Path file = tmp.resolve("weights.safetensors");
        Map<String, HostTensor> saved = saveRandom(file, 1);
        for (DType dtype : List.of(DType.F32, DType.F64)) {
            Map<String, HostTensor> loaded = load(file, dtype);
            for (String key : saved.keySet()) {
                assertEquals(dtype, loaded.get(key).dtype());
                assertArrayEquals(saved.get(key).toDoubles(), loaded.get(key).toDoubles(), 0, key);
            }
        }
        double[] q = saved.get(Q).toDoubles();
        assertTrue(java.util.Arrays.stream(q).anyMatch(v -> v != 0), "the saved weights are random, not zeros");
    }

    private Path rewrite(Path file, String name, Map<String, HostTensor> tensors) throws IOException {
        Path out = tmp.resolve(name);
        WeightsFile.save(out, tensors, Map.of());
        return out;
    }

    private ModelFileException refused(Path file) {
        return assertThrows(ModelFileException.class, () -> load(file, DType.F32));
    }

    @Test
    void aMissingTensorIsNamedWithTheFileAndTheExpectedShape() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(saveRandom(tmp.resolve("w.safetensors"), 1));
        tensors.remove(Q);
        Path file = rewrite(tmp.resolve("w.safetensors"), "missing.safetensors", tensors);
        String message = refused(file).getMessage();
        assertEquals(file + ": no tensor " + Q + " (the model expects shape [4, 8])", message);
    }

    @Test
    void aMisShapedTensorIsNamedWithBothShapes() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(saveRandom(tmp.resolve("w.safetensors"), 1));
        tensors.put(Q, HostTensor.of(new float[24], 3, 8));
        Path file = rewrite(tmp.resolve("w.safetensors"), "misshaped.safetensors", tensors);
        String message = refused(file).getMessage();
        assertEquals(file + ": tensor " + Q + " is F32[3, 8], the model expects F32[4, 8]", message);
    }

    @Test
    void anUnexpectedTensorIsNamed() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(saveRandom(tmp.resolve("w.safetensors"), 1));
        tensors.put("template_embedder.linear.weight", HostTensor.of(new float[2], 2));
        Path file = rewrite(tmp.resolve("w.safetensors"), "extra.safetensors", tensors);
        String message = refused(file).getMessage();
        assertEquals(file + ": unexpected tensor template_embedder.linear.weight (the model has no parameter of that name)", message);
    }

    @Test
    void anIntegerTensorDoesNotLoadIntoAFloatParameter() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(saveRandom(tmp.resolve("w.safetensors"), 1));
        tensors.put(NORM, HostTensor.of(new int[8], 8));
        Path file = rewrite(tmp.resolve("w.safetensors"), "int.safetensors", tensors);
        assertEquals(file + ": tensor " + NORM + " is I32[8], the model expects F32[8]", refused(file).getMessage());
    }

    @Test
    void aFileThatIsNotSafetensorsOrIsAbsentIsRefusedByName() throws IOException {
        Path text = tmp.resolve("weights.safetensors");
        Files.writeString(text, "not weights");
        String message = refused(text).getMessage();
        assertTrue(message.startsWith(text + ": "), message);
        Path absent = tmp.resolve("absent.safetensors");
        assertEquals(absent + ": no such weights file", refused(absent).getMessage());
    }

    /** The documented recipe: an OpenFold Lightning checkpoint converted by the shipped script loads as it is. */
    @Test
    void aCheckpointConvertedByTheRecipeLoads() throws Exception {
        assumeTrue(Python3.imports("numpy", "torch"), "needs /usr/bin/python3 with numpy and torch");
        Path script = tmp.resolve("openfold_to_safetensors.py");
        try (InputStream in = WeightsFile.class.getResourceAsStream("openfold_to_safetensors.py")) {
            Files.copy(in, script);
        }
        Path checkpoint = tmp.resolve("openfold.ckpt");
        Python3.run("-c", "import torch\n"
                + "keys = {'" + NORM + "': (8,), 'evoformer.blocks.0.msa_att_row.layer_norm_m.bias': (8,), '" + Q + "': (4, 8),\n"
                + "        'evoformer.blocks.0.msa_att_row.mha.linear_o.weight': (8, 4), 'evoformer.blocks.0.msa_att_row.mha.linear_o.bias': (8,),\n"
                + "        'template_pair_stack.blocks.0.layer_norm.weight': (4,)}\n"
                + "sd = {'model.' + k: torch.arange(torch.Size(s).numel(), dtype=torch.float64).reshape(s) / 7 for k, s in keys.items()}\n"
                + "torch.save({'state_dict': sd, 'epoch': 3}, '" + checkpoint + "')\n");
        Path converted = tmp.resolve("converted.safetensors");
        String out = Python3.run(script.toString(), checkpoint.toString(), converted.toString(), "--config", "initial_training",
                "--exclude", "template_");
        assertTrue(out.contains("5 tensors"), out);
        assertEquals("initial_training", WeightsFile.configName(converted).orElseThrow());
        Map<String, HostTensor> loaded = load(converted, DType.F64);
        double[] q = loaded.get(Q).toDoubles();
        assertEquals(32, q.length);
        for (int i = 0; i < q.length; i++) {
            assertEquals((float) (i / 7.0), q[i], 0, "element " + i + " of " + Q);
        }
    }
}
