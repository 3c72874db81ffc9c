package io.timelapse.lib.safetensors;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file gets an error that names the file and what is wrong. */
class CorruptInputTest {

    @TempDir
    Path tmp;

    private Path file(String name, byte[] header, int dataBytes) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(header.length).put(header);
        Path path = tmp.resolve(name);
        Files.write(path, bytes.array());
        return path;
    }

    private Path file(String name, String header, int dataBytes) throws IOException {
        return file(name, header.getBytes(StandardCharsets.UTF_8), dataBytes);
    }

    private void assertRejected(Path file, String... expectedFragments) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(file).close());
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), message);
        for (String fragment : expectedFragments) {
            assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
        }
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path path = tmp.resolve("short.safetensors");
        Files.write(path, new byte[] {1, 0, 0});
        assertRejected(path, "3 bytes", "8-byte");
    }

    @Test
    void headerLengthBeyondTheCap() throws IOException {
        Path path = tmp.resolve("huge.safetensors");
        Files.write(path, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(200_000_000L).array());
        assertRejected(path, "header length 200000000", "cap");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path path = tmp.resolve("cut.safetensors");
        Files.write(path, ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(100).array());
        assertRejected(path, "header length 100", "12 bytes", "truncated");
    }

    @Test
    void headerThatIsNotUtf8() throws IOException {
        assertRejected(file("latin1.safetensors", new byte[] {'{', '"', (byte) 0xFC, '"', ':', '1', '}', ' '}, 0), "UTF-8");
    }

    @Test
    void headerThatIsNotAnObject() throws IOException {
        assertRejected(file("array.safetensors", "[]      ", 0), "JSON object", "'['");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        assertRejected(file("broken.safetensors", "{\"a\":{\"dtype\":\"F32\",", 0), "not valid JSON");
    }

    @Test
    void contentAfterTheObject() throws IOException {
        assertRejected(file("after.safetensors", "{} {}   ", 0), "after the header");
    }

    @Test
    void duplicateTensorName() throws IOException {
        String header = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}";
        assertRejected(file("dup.safetensors", header, 8), "duplicate entry 'a'");
    }

    @Test
    void duplicateFieldInAnEntry() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertRejected(file("dupfield.safetensors", header, 4), "tensor 'a'", "duplicate field dtype");
    }

    @Test
    void unknownDType() throws IOException {
        assertRejected(file("dtype.safetensors", "{" + entry("w", "F128", "[1]", 0, 16) + "}", 16),
                "tensor 'w'", "unknown dtype \"F128\"", "BF16");
    }

    @Test
    void negativeOrFractionalDimension() throws IOException {
        assertRejected(file("neg.safetensors", "{" + entry("w", "F32", "[-1]", 0, 4) + "}", 4), "tensor 'w': shape", "-1");
        assertRejected(file("frac.safetensors", "{" + entry("w", "F32", "[1.5]", 0, 4) + "}", 4), "tensor 'w': shape", "integers");
    }

    @Test
    void malformedDataOffsets() throws IOException {
        String three = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}";
        assertRejected(file("three.safetensors", three, 4), "tensor 'w': data_offsets must be [begin, end]");
        assertRejected(file("backwards.safetensors", "{" + entry("w", "F32", "[0]", 4, 0) + "}", 4), "tensor 'w'", "end before");
    }

    @Test
    void missingField() throws IOException {
        assertRejected(file("missing.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "tensor 'w': missing field data_offsets");
    }

    @Test
    void byteLengthThatDisagreesWithTheShape() throws IOException {
        assertRejected(file("size.safetensors", "{" + entry("w", "F16", "[3]", 0, 8) + "}", 8),
                "tensor 'w'", "span 8 bytes", "F16 shape [3] needs 6");
    }

    @Test
    void shapeWhoseByteCountOverflows() throws IOException {
        assertRejected(file("overflow.safetensors", "{" + entry("w", "F64", "[4294967296,4294967296]", 0, 8) + "}", 8),
                "tensor 'w'", "overflows");
    }

    @Test
    void gapBetweenTensors() throws IOException {
        String header = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
        assertRejected(file("gap.safetensors", header, 12), "tensor 'b'", "begin at 8", "ends at 4", "gap");
    }

    @Test
    void overlappingTensors() throws IOException {
        String header = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[1]", 4, 8) + "}";
        assertRejected(file("overlap.safetensors", header, 8), "tensor 'b'", "overlaps");
    }

    @Test
    void dataSectionLongerThanTheTensors() throws IOException {
        assertRejected(file("trailing.safetensors", "{" + entry("a", "F32", "[1]", 0, 4) + "}", 12),
                "data section holds 12 bytes", "'a'", "trailing");
    }

    @Test
    void truncatedDataSection() throws IOException {
        Path whole = tmp.resolve("whole.safetensors");
        new SafetensorsWriter().add("a", TensorDType.F64, new long[] {4}, ByteBuffer.allocate(32)).write(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = tmp.resolve("truncated.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5));
        assertRejected(cut, "data section holds 27 bytes", "'a'", "ends at 32", "truncated");
    }

    @Test
    void metadataThatIsNotStrings() throws IOException {
        assertRejected(file("meta.safetensors", "{\"__metadata__\":{\"step\":5}}", 0), "__metadata__ entry 'step' must be a string");
        assertRejected(file("meta2.safetensors", "{\"__metadata__\":[1]}", 0), "__metadata__ must be an object");
    }

    @Test
    void entryThatIsNotAnObject() throws IOException {
        assertRejected(file("scalar.safetensors", "{\"w\":3}", 0), "tensor 'w' must be an object");
    }

    @Test
    void pickleCheckpointsAreRefusedByNameWithConversionAdvice() throws IOException {
        Path bin = tmp.resolve("pytorch_model.bin");
        Files.write(bin, new byte[16]);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(bin));
        assertTrue(e.getMessage().startsWith(bin + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("never unpickles"), e.getMessage());
        assertTrue(e.getMessage().contains("save_file("), e.getMessage());
        Path pt = tmp.resolve("weights.pt");
        Files.write(pt, new byte[16]);
        assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(pt));
    }

    @Test
    void pickleCheckpointsAreRefusedByContent() throws IOException {
        Path zip = tmp.resolve("renamed.safetensors");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
        assertRejected(zip, "PyTorch pickle", "save_file(");
        Path pickle = tmp.resolve("legacy.safetensors");
        Files.write(pickle, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 0x0a, 0, 0, 0, 0, 0, 0});
        assertRejected(pickle, "PyTorch pickle");
    }

    @Test
    void unknownTensorNameNamesTheFile() throws IOException {
        Path path = file("ok.safetensors", "{" + entry("a", "F32", "[1]", 0, 4) + "}", 4);
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> file.tensor("b"));
            assertTrue(e.getMessage().startsWith(path + ": no tensor named 'b'"), e.getMessage());
        }
    }

    @Test
    void unknownEntryFieldsAreIgnoredAsTheReferenceDoes() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":{\"x\":[1]}}}";
        try (SafetensorsFile file = SafetensorsFile.open(file("extra.safetensors", header, 4))) {
            assertTrue(file.contains("a"));
        }
    }
}
