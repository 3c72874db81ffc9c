package io.timelapse.lib.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dtype, read from a file Python wrote from the spec, and written back byte for byte. */
class AllDTypesTest {

    @TempDir
    Path tmp;

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer doubles(double... values) {
        ByteBuffer b = le(values.length * 8);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.flip();
    }

    private static ByteBuffer floats(float... values) {
        ByteBuffer b = le(values.length * 4);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.flip();
    }

    private static ByteBuffer shorts(int... values) {
        ByteBuffer b = le(values.length * 2);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.flip();
    }

    private static ByteBuffer ints(long... values) {
        ByteBuffer b = le(values.length * 4);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.flip();
    }

    private static ByteBuffer longs(long... values) {
        ByteBuffer b = le(values.length * 8);
        for (long v : values) {
            b.putLong(v);
        }
        return b.flip();
    }

    private static ByteBuffer bytes(int... values) {
        ByteBuffer b = le(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.flip();
    }

    /** The tensors of make_fixtures.py, spelled out independently, added in a scrambled order. */
    static SafetensorsWriter sameTensorsAsPython() {
        return new SafetensorsWriter()
                .add("bool.vector", TensorDType.BOOL, new long[] {5}, bytes(1, 0, 1, 1, 0))
                .add("f32.scalar", TensorDType.F32, new long[0], floats(42.5f))
                .add("\u00fcber.weight", TensorDType.F32, new long[] {1}, floats(-0.25f))
                .add("f64.matrix", TensorDType.F64, new long[] {2, 3}, doubles(-1.25, -0.75, -0.25, 0.25, 0.75, 1.25))
                .add("u8.vector", TensorDType.U8, new long[] {4}, bytes(0, 1, 254, 255))
                .add("f16.vector", TensorDType.F16, new long[] {6}, shorts(0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0400, 0x0001))
                .add("i64.vector", TensorDType.I64, new long[] {4}, longs(Long.MIN_VALUE, -1, (1L << 53) + 1, Long.MAX_VALUE))
                .add("f8e4m3.vector", TensorDType.F8_E4M3, new long[] {4}, bytes(0x38, 0xC0, 0x7E, 0x01))
                .add("u64.vector", TensorDType.U64, new long[] {2}, longs(0, -1))
                .add("i32.vector", TensorDType.I32, new long[] {4}, ints(Integer.MIN_VALUE, -1, 7, Integer.MAX_VALUE))
                .add("bf16.vector", TensorDType.BF16, new long[] {6}, shorts(0x3F80, 0xC000, 0x3E20, 0x4380, 0xBC00, 0x4040))
                .add("u32.vector", TensorDType.U32, new long[] {2}, ints(0, 0xFFFFFFFFL))
                .add("f32.empty", TensorDType.F32, new long[] {0, 3}, floats())
                .add("i16.vector", TensorDType.I16, new long[] {4}, shorts(-32768, -1, 0, 32767))
                .add("Zeta.weight", TensorDType.F32, new long[] {1}, floats(0.25f))
                .add("u16.vector", TensorDType.U16, new long[] {2}, shorts(0, 0xFFFF))
                .add("f8e5m2.vector", TensorDType.F8_E5M2, new long[] {4}, bytes(0x3C, 0xC0, 0x7B, 0x01))
                .add("f32.matrix", TensorDType.F32, new long[] {3, 2}, floats(1.5f, -2.25f, 3.0e-5f, 1e30f, -0.0f, 7.0f))
                .add("i8.vector", TensorDType.I8, new long[] {5}, bytes(-128, -1, 0, 1, 127))
                .metadata("producer", "make_fixtures.py")
                .metadata("format", "pt");
    }

    @Test
    void javaWriterReproducesThePythonFileByteForByte() throws IOException {
        Path written = tmp.resolve("java.safetensors");
        sameTensorsAsPython().write(written);
        assertArrayEquals(TestResources.bytes("all_dtypes.safetensors"), Files.readAllBytes(written));
    }

    @Test
    void readsEveryDType() throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(TestResources.copy("all_dtypes.safetensors", tmp))) {
            assertEquals(Map.of("format", "pt", "producer", "make_fixtures.py"), file.metadata());
            assertEquals(19, file.names().size());
            assertEquals(List.of("u64.vector", "i64.vector", "f64.matrix"), file.names().subList(0, 3));

            assertArrayEquals(new double[] {-1.25, -0.75, -0.25, 0.25, 0.75, 1.25}, file.tensor("f64.matrix").toDoubles());
            assertArrayEquals(new long[] {2, 3}, file.info("f64.matrix").shape());
            assertArrayEquals(new float[] {1.5f, -2.25f, 3.0e-5f, 1e30f, -0.0f, 7.0f}, file.tensor("f32.matrix").toFloats());
            assertArrayEquals(new long[0], file.info("f32.scalar").shape());
            assertArrayEquals(new float[] {42.5f}, file.tensor("f32.scalar").toFloats());
            assertEquals(0, file.tensor("f32.empty").toFloats().length);
            assertArrayEquals(new long[] {0, 3}, file.info("f32.empty").shape());
            assertArrayEquals(new float[] {1f, -2f, 0.5f, 65504f, 0x1p-14f, 0x1p-24f}, file.tensor("f16.vector").toFloats());
            assertArrayEquals(new float[] {1f, -2f, 0.15625f, 256f, -0.0078125f, 3f}, file.tensor("bf16.vector").toFloats());
            assertArrayEquals(new float[] {1f, -2f, 57344f, 0x1p-16f}, file.tensor("f8e5m2.vector").toFloats());
            assertArrayEquals(new float[] {1f, -2f, 448f, 0x1p-9f}, file.tensor("f8e4m3.vector").toFloats());
            assertArrayEquals(new long[] {Long.MIN_VALUE, -1, (1L << 53) + 1, Long.MAX_VALUE}, file.tensor("i64.vector").toLongs());
            assertArrayEquals(new long[] {0, -1}, file.tensor("u64.vector").toLongs());
            assertArrayEquals(new double[] {0, 18446744073709551615.0}, file.tensor("u64.vector").toDoubles());
            assertArrayEquals(new long[] {Integer.MIN_VALUE, -1, 7, Integer.MAX_VALUE}, file.tensor("i32.vector").toLongs());
            assertArrayEquals(new long[] {0, 4294967295L}, file.tensor("u32.vector").toLongs());
            assertArrayEquals(new long[] {-32768, -1, 0, 32767}, file.tensor("i16.vector").toLongs());
            assertArrayEquals(new long[] {0, 65535}, file.tensor("u16.vector").toLongs());
            assertArrayEquals(new long[] {-128, -1, 0, 1, 127}, file.tensor("i8.vector").toLongs());
            assertArrayEquals(new long[] {0, 1, 254, 255}, file.tensor("u8.vector").toLongs());
            assertArrayEquals(new long[] {1, 0, 1, 1, 0}, file.tensor("bool.vector").toLongs());
            assertArrayEquals(new double[] {1, 0, 1, 1, 0}, file.tensor("bool.vector").toDoubles());
            assertArrayEquals(new float[] {-0.25f}, file.tensor("\u00fcber.weight").toFloats());
        }
    }

    @Test
    void everyTensorStartsAtAMultipleOfItsElementSize() throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(TestResources.copy("all_dtypes.safetensors", tmp))) {
            assertEquals(0, file.dataStart() % 8);
            for (TensorInfo info : file.header().tensors()) {
                assertEquals(0, info.begin() % info.dtype().byteSize(), info.name());
            }
        }
    }

    @Test
    void copyingTensorsFromAFileGivesTheSameFile() throws IOException {
        Path original = TestResources.copy("all_dtypes.safetensors", tmp);
        Path copy = tmp.resolve("copy.safetensors");
        try (SafetensorsFile file = SafetensorsFile.open(original)) {
            SafetensorsWriter writer = new SafetensorsWriter().metadata(file.metadata());
            for (String name : file.names()) {
                writer.add(name, file.tensor(name));
            }
            writer.write(copy);
        }
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    }

    @Test
    void writerAddsNoMetadataObjectWhenThereIsNone() throws IOException {
        Path file = tmp.resolve("plain.safetensors");
        new SafetensorsWriter().add("x", TensorDType.F32, new long[] {2}, floats(1f, 2f)).write(file);
        byte[] bytes = Files.readAllBytes(file);
        String expectedHeader = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        int padded = (expectedHeader.length() + 7) / 8 * 8;
        assertEquals(8 + padded + 8, bytes.length);
        assertEquals(padded, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
        assertEquals(expectedHeader + " ".repeat(padded - expectedHeader.length()),
                new String(bytes, 8, padded, java.nio.charset.StandardCharsets.UTF_8));
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertEquals(Map.of(), read.metadata());
            assertArrayEquals(new float[] {1f, 2f}, read.tensor("x").toFloats());
        }
    }
}
