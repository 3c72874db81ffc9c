package io.timelapse.lib.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.testdata.TinyGptNeox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reads the tiny GPT-NeoX golden fixture, written by the fixture generator's own safetensors writer. */
class GptNeoxFixtureTest {

    /** The parameter shapes listed in the fixture's expected.json. */
    static Map<String, long[]> expectedShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embed_out.weight", new long[] {512, 64});
        shapes.put("gpt_neox.embed_in.weight", new long[] {512, 64});
        shapes.put("gpt_neox.final_layer_norm.bias", new long[] {64});
        shapes.put("gpt_neox.final_layer_norm.weight", new long[] {64});
        for (int layer = 0; layer < 2; layer++) {
            String p = "gpt_neox.layers." + layer + ".";
            shapes.put(p + "attention.dense.bias", new long[] {64});
            shapes.put(p + "attention.dense.weight", new long[] {64, 64});
            shapes.put(p + "attention.query_key_value.bias", new long[] {192});
            shapes.put(p + "attention.query_key_value.weight", new long[] {192, 64});
            shapes.put(p + "input_layernorm.bias", new long[] {64});
            shapes.put(p + "input_layernorm.weight", new long[] {64});
            shapes.put(p + "mlp.dense_4h_to_h.bias", new long[] {64});
            shapes.put(p + "mlp.dense_4h_to_h.weight", new long[] {64, 256});
            shapes.put(p + "mlp.dense_h_to_4h.bias", new long[] {256});
            shapes.put(p + "mlp.dense_h_to_4h.weight", new long[] {256, 64});
            shapes.put(p + "post_attention_layernorm.bias", new long[] {64});
            shapes.put(p + "post_attention_layernorm.weight", new long[] {64});
        }
        return shapes;
    }

    @Test
    void headerMatchesTheFixtureDescription() throws IOException {
        Path file = TinyGptNeox.file("model.safetensors");
        assertEquals(665504, Files.size(file));
        try (SafetensorsFile model = SafetensorsFile.open(file)) {
            assertEquals(8 + 2968, model.dataStart());
            assertEquals(Map.of("format", "pt"), model.metadata());
            Map<String, long[]> expected = expectedShapes();
            assertEquals(new TreeMap<>(expected).keySet(), new java.util.TreeSet<>(model.names()));
            for (Map.Entry<String, long[]> entry : expected.entrySet()) {
                TensorInfo info = model.info(entry.getKey());
                assertEquals(TensorDType.F32, info.dtype(), entry.getKey());
                assertArrayEquals(entry.getValue(), info.shape(), entry.getKey());
            }
        }
    }

    @Test
    void embeddingRowsAreTheTokenEmbeddingsOfTheReferenceForward() throws IOException {
        Path file = TinyGptNeox.file("model.safetensors");
        NpyArray inputs = Npy.read(TinyGptNeox.file("inputs.npy"));
        NpyArray hidden = Npy.read(TinyGptNeox.file("hidden_states_seq0.npy"));
        try (SafetensorsFile model = SafetensorsFile.open(file)) {
            SafetensorsTensor embed = model.tensor("gpt_neox.embed_in.weight");
            assertTrue(embed.data().isDirect(), "a mapped view, not a heap copy");
            float[] weights = embed.toFloats();
            float[] states = hidden.asFloatArray();
            int[] tokens = inputs.asIntArray();
            for (int t = 0; t < 64; t++) {
                int token = tokens[t];
                for (int c = 0; c < 64; c++) {
                    assertEquals(states[t * 64 + c], weights[token * 64 + c], 0.0f, "position " + t + " channel " + c);
                }
            }
        }
    }

    @Test
    void halfPrecisionCopyHoldsTheNearestHalfOfEveryWeight() throws IOException {
        Path full = TinyGptNeox.file("model.safetensors");
        Path half = TinyGptNeox.file("model.fp16.safetensors");
        assertEquals(334240, Files.size(half));
        try (SafetensorsFile f32 = SafetensorsFile.open(full); SafetensorsFile f16 = SafetensorsFile.open(half)) {
            assertEquals(8 + 2968, f16.dataStart());
            assertEquals(f32.names().size(), f16.names().size());
            for (String name : f32.names()) {
                SafetensorsTensor h = f16.tensor(name);
                assertEquals(TensorDType.F16, h.dtype(), name);
                assertArrayEquals(f32.info(name).shape(), h.shape(), name);
                float[] exact = f32.tensor(name).toFloats();
                short[] bits = new short[exact.length];
                h.data().asShortBuffer().get(bits);
                float[] rounded = h.toFloats();
                for (int i = 0; i < exact.length; i++) {
                    assertNearestHalf(exact[i], bits[i], rounded[i], name + "[" + i + "]");
                }
            }
        }
    }

    /** No neighbouring half value (one unit in the last place up or down) is closer to {@code exact}. */
    private static void assertNearestHalf(float exact, short bits, float decoded, String where) {
        double error = Math.abs((double) exact - decoded);
        for (int step : new int[] {-1, 1}) {
            short neighbour = (short) (bits + step);
            if ((neighbour & 0x7C00) == 0x7C00 || ((bits ^ neighbour) & 0x8000) != 0) {
                continue;
            }
            double other = Math.abs((double) exact - ElementDecoding.f16(neighbour));
            assertTrue(error <= other, where + ": " + exact + " stored as " + decoded + " but " + ElementDecoding.f16(neighbour) + " is closer");
        }
        assertTrue(error <= Math.abs(exact) * 0x1p-11 + 0x1p-25, where + ": " + exact + " vs " + decoded);
    }
}
