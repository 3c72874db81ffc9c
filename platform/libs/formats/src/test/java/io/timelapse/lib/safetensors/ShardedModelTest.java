package io.timelapse.lib.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-shard model with a Hugging Face style index, as written by make_fixtures.py. */
class ShardedModelTest {

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void copyModel() throws IOException {
        for (String name : List.of("model.safetensors.index.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors")) {
            TestResources.copy("sharded/" + name, tmp);
        }
        dir = tmp.resolve("sharded");
    }

    @Test
    void readsTensorsAcrossShards() throws IOException {
        try (TensorStore model = Safetensors.open(dir)) {
            ShardedSafetensors sharded = assertInstanceOf(ShardedSafetensors.class, model);
            assertEquals(List.of("embed.weight", "head.bias", "layers.0.weight", "layers.1.weight"), model.names());
            assertEquals(Map.of("total_size", "72"), model.metadata());
            assertEquals(2, sharded.shards().size());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, model.tensor("embed.weight").toFloats());
            assertArrayEquals(new long[] {4, 2}, model.info("embed.weight").shape());
            assertArrayEquals(new float[] {0.5f, -1f, 2f, 4f}, model.tensor("layers.0.weight").toFloats());
            assertEquals(TensorDType.BF16, model.info("layers.1.weight").dtype());
            assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, model.tensor("layers.1.weight").toFloats());
            assertArrayEquals(new long[] {10, 20, 30}, model.tensor("head.bias").toLongs());
            assertEquals(dir.resolve("model-00002-of-00002.safetensors").toString(), model.tensor("head.bias").source());
        }
    }

    @Test
    void openingTheIndexFileDirectlyWorksToo() throws IOException {
        try (TensorStore model = Safetensors.open(dir.resolve(ShardIndex.FILE_NAME))) {
            assertEquals(4, model.names().size());
        }
    }

    private void writeIndex(String weightMap) throws IOException {
        Files.writeString(dir.resolve(ShardIndex.FILE_NAME), "{\"metadata\":{},\"weight_map\":{" + weightMap + "}}");
    }

    private void assertIndexRejected(String... fragments) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.open(dir).close());
        assertTrue(e.getMessage().startsWith(dir.resolve(ShardIndex.FILE_NAME) + ": "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
    }

    @Test
    void indexThatPlacesATensorInTheWrongShard() throws IOException {
        writeIndex("\"embed.weight\":\"model-00002-of-00002.safetensors\",\"head.bias\":\"model-00002-of-00002.safetensors\","
                + "\"layers.0.weight\":\"model-00001-of-00002.safetensors\",\"layers.1.weight\":\"model-00002-of-00002.safetensors\"");
        assertIndexRejected("'embed.weight'", "model-00002-of-00002.safetensors", "does not hold it");
    }

    @Test
    void shardHoldingATensorTheIndexDoesNotList() throws IOException {
        writeIndex("\"embed.weight\":\"model-00001-of-00002.safetensors\",\"head.bias\":\"model-00002-of-00002.safetensors\","
                + "\"layers.1.weight\":\"model-00002-of-00002.safetensors\"");
        assertIndexRejected("model-00001-of-00002.safetensors holds tensor 'layers.0.weight'", "does not list");
    }

    @Test
    void shardOutsideTheModelDirectory() throws IOException {
        writeIndex("\"embed.weight\":\"../elsewhere.safetensors\"");
        assertIndexRejected("'embed.weight'", "../elsewhere.safetensors", "not a file name inside");
    }

    @Test
    void missingWeightMap() throws IOException {
        Files.writeString(dir.resolve(ShardIndex.FILE_NAME), "{\"metadata\":{}}");
        assertIndexRejected("missing field weight_map");
    }

    @Test
    void missingShardFileNamesTheFile() throws IOException {
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        IOException e = assertThrows(IOException.class, () -> Safetensors.open(dir).close());
        assertTrue(e.getMessage().contains("model-00002-of-00002.safetensors"), e.getMessage());
    }

    @Test
    void directoryWithOnlyAPickleCheckpointExplainsHowToConvert() throws IOException {
        Path legacy = tmp.resolve("legacy");
        Files.createDirectories(legacy);
        Files.write(legacy.resolve("pytorch_model.bin"), new byte[] {'P', 'K', 3, 4});
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.open(legacy));
        assertTrue(e.getMessage().contains("pytorch_model.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("safetensors"), e.getMessage());
    }

    @Test
    void directoryWithASingleFile() throws IOException {
        Path single = tmp.resolve("single");
        new SafetensorsWriter().add("w", TensorDType.F32, new long[] {1}, ByteBuffer.allocate(4)).write(single.resolve("model.safetensors"));
        try (TensorStore model = Safetensors.open(single)) {
            assertInstanceOf(SafetensorsFile.class, model);
            assertEquals(List.of("w"), model.names());
        }
    }
}
