package io.timelapse.platform.lm;

import static io.timelapse.platform.lm.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LoadOptions;
import io.timelapse.api.numeric.HalfFloats;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.safetensors.SafetensorsTensor;
import io.timelapse.lib.safetensors.SafetensorsWriter;
import io.timelapse.lib.safetensors.TensorDType;
import io.timelapse.platform.lm.model.NeoXLanguageModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F16, BF16 and sharded weights, legacy buffers, duplicate checkpoints, and the files the loader refuses. */
class WeightFormatsTest {

    @TempDir
    Path tmp;

    private static float[] logits(LanguageModel model) {
        try (HostTensor logits = model.logits(Fixtures.ids("inputs.npy"))) {
            return logits.toFloats();
        }
    }

    @Test
    void f16WeightsGiveTheirOwnReferenceLogits() throws IOException {
        Path dir = Fixtures.modelDir(tmp.resolve("fp16"), "model.fp16.safetensors");
        float[] expected = Fixtures.npy("logits_fp16weights.npy").asFloatArray();
        try (LanguageModel model = Fixtures.MODELS.load(dir)) {
            assertEquals(DType.F32, ((NeoXLanguageModel) model).dtype());
            assertClose(expected, logits(model), 1e-4, "F16 weights computed in F32");
        }
        try (LanguageModel model = Fixtures.MODELS.load(dir, LoadOptions.weightsDType())) {
            assertEquals(DType.F16, ((NeoXLanguageModel) model).dtype());
            // Half-precision activations: about three significant digits.
            assertClose(expected, logits(model), 0.1, "F16 weights computed in F16");
        }
    }

    @Test
    void bf16WeightsLoadAndComputeInF32() throws IOException {
        Path dir = tmp.resolve("bf16");
        Files.createDirectories(dir);
        Files.copy(Fixtures.tiny("config.json"), dir.resolve("config.json"));
        float maxWeightError = 0;
        try (SafetensorsFile f32 = SafetensorsFile.open(Fixtures.tiny("model.safetensors"))) {
            SafetensorsWriter writer = new SafetensorsWriter();
            for (String name : f32.names()) {
                SafetensorsTensor tensor = f32.tensor(name);
                float[] values = tensor.toFloats();
                ByteBuffer bf16 = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (float value : values) {
                    short rounded = HalfFloats.floatToBf16(value);
                    bf16.putShort(rounded);
                    maxWeightError = Math.max(maxWeightError, Math.abs(HalfFloats.bf16ToFloat(rounded) - value));
                }
                bf16.flip();
                writer.add(name, TensorDType.BF16, tensor.shape(), bf16);
            }
            writer.write(dir.resolve("model.safetensors"));
        }
        assertTrue(maxWeightError > 0, "the BF16 copy must differ from the F32 weights");
        try (LanguageModel model = Fixtures.MODELS.load(dir)) {
            float[] golden = Fixtures.npy("logits.npy").asFloatArray();
            float[] actual = logits(model);
            // bfloat16 keeps 8 bits of mantissa: logits move, but only by a few hundredths.
            assertClose(golden, actual, 0.25, "BF16 weights");
            float worst = 0;
            for (int i = 0; i < golden.length; i++) {
                worst = Math.max(worst, Math.abs(golden[i] - actual[i]));
            }
            assertTrue(worst > 1e-4, "BF16 rounding must be visible in the logits, max diff " + worst);
        }
    }

    @Test
    void shardedWeightsWithAnIndexAndLegacyBuffersLoad() throws IOException {
        Path dir = tmp.resolve("sharded");
        Files.createDirectories(dir);
        Files.copy(Fixtures.tiny("config.json"), dir.resolve("config.json"));
        StringBuilder index = new StringBuilder("{\"metadata\": {\"total_size\": 0}, \"weight_map\": {");
        try (SafetensorsFile f32 = SafetensorsFile.open(Fixtures.tiny("model.safetensors"))) {
            // (Metadata keeps this header's length off 640 bytes: formats' pickle sniffing reads the length 0x280 as a pickle header.)
            SafetensorsWriter first = new SafetensorsWriter().metadata("format", "pt").metadata("shard", "1 of 2");
            SafetensorsWriter second = new SafetensorsWriter().metadata("format", "pt");
            List<String> entries = new ArrayList<>();
            for (String name : f32.names()) {
                boolean inFirst = name.contains("layers.0") || name.contains("embed_in");
                (inFirst ? first : second).add(name, f32.tensor(name));
                entries.add("\"" + name + "\": \"" + (inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors") + "\"");
            }
            // Buffers of old checkpoints: the causal mask, masked_bias and rotary inverse frequencies.
            second.add("gpt_neox.layers.1.attention.bias", TensorDType.BOOL, new long[] {1, 1, 4, 4}, ByteBuffer.allocate(16));
            second.add("gpt_neox.layers.1.attention.masked_bias", TensorDType.F32, new long[] {}, ByteBuffer.allocate(4));
            second.add("gpt_neox.layers.1.attention.rotary_emb.inv_freq", TensorDType.F32, new long[] {2}, ByteBuffer.allocate(8));
            entries.add("\"gpt_neox.layers.1.attention.bias\": \"model-00002-of-00002.safetensors\"");
            entries.add("\"gpt_neox.layers.1.attention.masked_bias\": \"model-00002-of-00002.safetensors\"");
            entries.add("\"gpt_neox.layers.1.attention.rotary_emb.inv_freq\": \"model-00002-of-00002.safetensors\"");
            first.write(dir.resolve("model-00001-of-00002.safetensors"));
            second.write(dir.resolve("model-00002-of-00002.safetensors"));
            index.append(String.join(", ", entries)).append("}}");
        }
        Files.writeString(dir.resolve("model.safetensors.index.json"), index.toString());
        try (LanguageModel model = Fixtures.MODELS.load(dir)) {
            assertEquals(2, model.weightFiles().size());
            assertClose(Fixtures.npy("logits.npy").asFloatArray(), logits(model), 1e-4, "sharded weights");
        }
    }

    @Test
    void identicalWeightsAtTwoStepsAreReported() throws IOException {
        Path early = Fixtures.modelDir(tmp.resolve("pythia-tiny").resolve("step1000"), "model.safetensors");
        Path late = Fixtures.modelDir(tmp.resolve("pythia-tiny").resolve("step143000"), "model.safetensors");
        try (LanguageModel first = Fixtures.MODELS.load(early); LanguageModel second = Fixtures.MODELS.load(late)) {
            assertEquals(List.of(), first.warnings());
            assertEquals(1, second.warnings().size(), second.warnings().toString());
            String warning = second.warnings().get(0);
            assertTrue(warning.contains("identical weights") && warning.contains("step 143000") && warning.contains("step 1000"), warning);
            assertEquals(first.weightFiles().get(0).sha256(), second.weightFiles().get(0).sha256());
        }
    }

    @Test
    void pickleCheckpointsAreRefusedWithAConversionRecipe() throws IOException {
        Path dir = tmp.resolve("pickle");
        Files.createDirectories(dir);
        Files.copy(Fixtures.tiny("config.json"), dir.resolve("config.json"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c', 'x'});
        IOException e = assertThrows(IOException.class, () -> Fixtures.MODELS.load(dir));
        assertTrue(e.getMessage().contains("pytorch_model.bin") && e.getMessage().contains("save_file"), e.getMessage());
    }

    @Test
    void corruptSafetensorsNameTheFile() throws IOException {
        Path truncated = Fixtures.modelDir(tmp.resolve("truncated"), "model.safetensors");
        byte[] bytes = Files.readAllBytes(truncated.resolve("model.safetensors"));
        Files.write(truncated.resolve("model.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        IOException e = assertThrows(IOException.class, () -> Fixtures.MODELS.load(truncated));
        assertTrue(e.getMessage().contains(truncated.resolve("model.safetensors").toString()), e.getMessage());

        Path garbage = Fixtures.modelDir(tmp.resolve("garbage"), "model.safetensors");
        byte[] header = Files.readAllBytes(garbage.resolve("model.safetensors"));
        byte[] broken = "{\"not json".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(broken, 0, header, 8, broken.length);
        Files.write(garbage.resolve("model.safetensors"), header);
        e = assertThrows(IOException.class, () -> Fixtures.MODELS.load(garbage));
        assertTrue(e.getMessage().contains(garbage.resolve("model.safetensors").toString()), e.getMessage());
    }

    @Test
    void missingAndForeignTensorsAreNamed() throws IOException {
        Path dir = tmp.resolve("incomplete");
        Files.createDirectories(dir);
        Files.copy(Fixtures.tiny("config.json"), dir.resolve("config.json"));
        try (SafetensorsFile f32 = SafetensorsFile.open(Fixtures.tiny("model.safetensors"))) {
            SafetensorsWriter writer = new SafetensorsWriter();
            for (String name : f32.names()) {
                if (!name.equals("embed_out.weight")) {
                    writer.add(name, f32.tensor(name));
                }
            }
            writer.add("lm_head.weight", TensorDType.F32, new long[] {2}, ByteBuffer.allocate(8));
            writer.write(dir.resolve("model.safetensors"));
        }
        IOException e = assertThrows(IOException.class, () -> Fixtures.MODELS.load(dir));
        assertTrue(e.getMessage().contains("missing: [embed_out.weight]"), e.getMessage());
        assertTrue(e.getMessage().contains("lm_head.weight"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("model.safetensors").toString()), e.getMessage());
    }

    @Test
    void aSavedModelLoadsBackToTheSameLogits() throws IOException {
        Path saved = tmp.resolve("saved");
        try (LanguageModel model = Fixtures.MODELS.load(Fixtures.tiny())) {
            model.save(saved);
        }
        try (LanguageModel reloaded = Fixtures.MODELS.load(saved); HostTensor logits = reloaded.logits(Fixtures.ids("inputs.npy"))) {
            // [batch, positions, vocabulary] of inputs.npy, as the fixture's README gives them.
            assertEquals(Shape.of(8, 64, 512), logits.shape());
            assertClose(Fixtures.npy("logits.npy").asFloatArray(), logits.toFloats(), 1e-4, "saved and reloaded");
            assertArrayEquals(Fixtures.npy("greedy_plain.npy").asIntArray(),
                    reloaded.generate(Fixtures.ids("prefixes.npy"), io.timelapse.api.lm.Generation.greedy(32)).toInts());
        }
    }
}
