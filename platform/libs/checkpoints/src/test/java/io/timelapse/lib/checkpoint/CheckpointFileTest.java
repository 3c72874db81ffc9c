package io.timelapse.lib.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.safetensors.SafetensorsWriter;
import io.timelapse.lib.safetensors.TensorDType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    /** SHA-256("abc"), FIPS 180-2 appendix B.1. */
    static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    static ByteBuffer floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.flip();
    }

    @Test
    void configHashIsSha256OfTheCanonicalString() {
        assertEquals(SHA256_ABC, ConfigHash.of("abc"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("lr", 0.001);
        config.put("batch", 128);
        config.put("model", "mlp");
        assertEquals("batch=128\nlr=0.001\nmodel=mlp\n", ConfigHash.canonical(config));
        assertEquals(ConfigHash.of("batch=128\nlr=0.001\nmodel=mlp\n"), ConfigHash.of(config));
        assertThrows(IllegalArgumentException.class, () -> ConfigHash.canonical(Map.of("a=b", 1)));
    }

    @Test
    void optimizerSlotNames() {
        assertEquals("opt.adamw.m.gpt_neox.embed_in.weight", OptimizerSlots.name("adamw", "m", "gpt_neox.embed_in.weight"));
        assertEquals(Optional.of(new OptimizerSlots.Slot("adamw", "v", "layers.0.bias")), OptimizerSlots.parse("opt.adamw.v.layers.0.bias"));
        assertEquals(Optional.empty(), OptimizerSlots.parse("layers.0.bias"));
        assertEquals(Optional.empty(), OptimizerSlots.parse("opt.adamw.m"));
        assertThrows(IllegalArgumentException.class, () -> OptimizerSlots.name("adam.w", "m", "x"));
    }

    @Test
    void writesAndReadsVariablesSlotsAndMetadata() throws IOException {
        String hash = ConfigHash.of("abc");
        Path path = tmp.resolve("ckpt.safetensors");
        CheckpointMetadata written = new CheckpointWriter(1000, hash).clock(FIXED)
                .variable("dense.weight", TensorDType.F32, new long[] {2, 2}, floats(1, 2, 3, 4))
                .variable("dense.bias", TensorDType.F32, new long[] {2}, floats(-1, 1))
                .slot("adamw", "m", "dense.weight", TensorDType.F32, new long[] {2, 2}, floats(0.1f, 0.2f, 0.3f, 0.4f))
                .slot("adamw", "v", "dense.weight", TensorDType.F32, new long[] {2, 2}, floats(0.01f, 0.02f, 0.03f, 0.04f))
                .write(path);
        try (SafetensorsFile raw = SafetensorsFile.open(path)) {
            Map<String, String> meta = raw.metadata();
            assertEquals("timelapse-checkpoint", meta.get("format"));
            assertEquals("1", meta.get("format_version"));
            assertEquals("1000", meta.get("step"));
            assertEquals(SHA256_ABC, meta.get("config_sha256"));
            assertEquals("2024-05-06T07:08:09Z", meta.get("created"));
            assertEquals(written.dataChecksum(), meta.get("data_crc32c"));
        }
        try (Checkpoint checkpoint = Checkpoint.open(path)) {
            assertEquals(new CheckpointMetadata(1000, SHA256_ABC, 1, Instant.parse("2024-05-06T07:08:09Z"), written.dataChecksum()),
                    checkpoint.metadata());
            assertEquals(List.of("dense.bias", "dense.weight"), checkpoint.variableNames().stream().sorted().toList());
            assertEquals(List.of("opt.adamw.m.dense.weight", "opt.adamw.v.dense.weight"), checkpoint.slotNames().stream().sorted().toList());
            assertArrayEquals(new float[] {1, 2, 3, 4}, checkpoint.variable("dense.weight").toFloats());
            assertArrayEquals(new float[] {0.01f, 0.02f, 0.03f, 0.04f}, checkpoint.slot("adamw", "v", "dense.weight").toFloats());
            checkpoint.verifyData();
            checkpoint.requireConfigHash(SHA256_ABC);
            String other = ConfigHash.of("abd");
            CheckpointException e = assertThrows(CheckpointException.class, () -> checkpoint.requireConfigHash(other));
            assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(other), e.getMessage());
        }
    }

    @Test
    void dataChecksumIsCrc32cOfTheTensorBytesInNameOrder() throws IOException {
        Path path = tmp.resolve("crc.safetensors");
        // "12345" under name "a", "6789" under "b": in name order the bytes are "123456789",
        // whose CRC32C is the standard check value 0xE3069283.
        ByteBuffer b = ByteBuffer.wrap("6789".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer a = ByteBuffer.wrap("12345".getBytes(StandardCharsets.US_ASCII));
        CheckpointMetadata metadata = new CheckpointWriter(3, SHA256_ABC).clock(FIXED)
                .variable("b", TensorDType.U8, new long[] {4}, b)
                .variable("a", TensorDType.U8, new long[] {5}, a)
                .write(path);
        assertEquals("e3069283", metadata.dataChecksum());
    }

    @Test
    void variableNamesMayNotLookLikeSlots() {
        CheckpointWriter writer = new CheckpointWriter(1, SHA256_ABC);
        assertThrows(IllegalArgumentException.class, () -> writer.variable("opt.x", TensorDType.F32, new long[] {1}, floats(1)));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointWriter(1, "not-a-hash"));
    }

    @Test
    void safetensorsFileWithoutCheckpointMetadataIsRejected() throws IOException {
        Path path = tmp.resolve("plain.safetensors");
        new SafetensorsWriter().metadata("format", "pt").add("w", TensorDType.F32, new long[] {1}, floats(1)).write(path);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(path));
        assertTrue(e.getMessage().startsWith(path + ": metadata field format is 'pt'"), e.getMessage());
    }

    @Test
    void badMetadataFieldsAreNamed() {
        Map<String, String> good = new CheckpointMetadata(5, SHA256_ABC, 1, Instant.EPOCH, "00000000").toMap();
        for (String[] bad : new String[][] {
                {"step", "five", "metadata field step is not an integer"},
                {"step", "-1", "metadata field step is negative"},
                {"format_version", "2", "metadata field format_version is 2"},
                {"config_sha256", "ABC", "metadata field config_sha256"},
                {"created", "yesterday", "metadata field created"},
                {"data_crc32c", "xyz", "metadata field data_crc32c"}}) {
            Map<String, String> map = new LinkedHashMap<>(good);
            map.put(bad[0], bad[1]);
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointMetadata.fromMap("f.safetensors", map));
            assertTrue(e.getMessage().startsWith("f.safetensors: " + bad[2]), e.getMessage());
        }
        Map<String, String> missing = new LinkedHashMap<>(good);
        missing.remove("created");
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointMetadata.fromMap("f.safetensors", missing));
        assertEquals("f.safetensors: metadata field created is missing", e.getMessage());
    }
}
