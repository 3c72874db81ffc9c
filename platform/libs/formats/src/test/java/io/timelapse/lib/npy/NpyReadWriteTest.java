package io.timelapse.lib.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing against files that numpy itself wrote. */
class NpyReadWriteTest {

    @TempDir
    Path tmp;

    static byte[] resource(String name) {
        try (InputStream in = NpyReadWriteTest.class.getResourceAsStream("/npy/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name) throws IOException {
        Path path = tmp.resolve(name);
        Files.write(path, resource(name));
        return path;
    }

    /** Reads via all three paths (heap file, mapped, bytes) and checks they agree. */
    NpyArray load(String name) throws IOException {
        Path path = file(name);
        NpyArray heap = Npy.read(path);
        NpyArray mapped = Npy.map(path);
        NpyArray fromBytes = Npy.read(resource(name), name);
        assertTrue(heap.contentEquals(mapped), name);
        assertTrue(heap.contentEquals(fromBytes), name);
        return heap;
    }

    void assertRewritesIdentically(String name, NpyArray array) throws IOException {
        assertArrayEquals(resource(name), Npy.toBytes(array), name + " rewritten");
        Path out = tmp.resolve("out-" + name);
        Npy.write(out, array);
        assertArrayEquals(resource(name), Files.readAllBytes(out), name + " written to a file");
    }

    @Test
    void integerDtypesReadAndWriteExactlyAsNumpy() throws IOException {
        assertArrayEquals(new long[] {0, 1, 2, 254, 255}, load("dtype_u1.npy").asLongArray());
        assertArrayEquals(new long[] {-128, -1, 0, 1, 127}, load("dtype_i1.npy").asLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 65534, 65535}, load("dtype_u2.npy").asLongArray());
        assertArrayEquals(new int[] {0, 1, 2, 65534, 65535}, load("dtype_u2.npy").asIntArray());
        assertArrayEquals(new long[] {-32768, -1, 0, 1, 32767}, load("dtype_i2.npy").asLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 4294967294L, 4294967295L}, load("dtype_u4.npy").asLongArray());
        assertArrayEquals(new int[] {0, 1, 2, -2, -1}, load("dtype_u4.npy").asUnsignedIntArray());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}, load("dtype_i4.npy").asIntArray());
        assertArrayEquals(new long[] {0, 1, 2, -2, -1}, load("dtype_u8.npy").asLongArray());
        assertEquals(18446744073709551615.0, load("dtype_u8.npy").getDouble(4));
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}, load("dtype_i8.npy").asLongArray());
        assertArrayEquals(new boolean[] {true, false, true, true, false}, load("dtype_b1.npy").asBooleanArray());

        assertRewritesIdentically("dtype_u1.npy", NpyArray.of(DType.UINT8, new long[] {0, 1, 2, 254, 255}));
        assertRewritesIdentically("dtype_i1.npy", NpyArray.of(DType.INT8, new long[] {-128, -1, 0, 1, 127}));
        assertRewritesIdentically("dtype_u2.npy", NpyArray.of(DType.UINT16, new int[] {0, 1, 2, 65534, 65535}));
        assertRewritesIdentically("dtype_i2.npy", NpyArray.of(DType.INT16, new long[] {-32768, -1, 0, 1, 32767}));
        assertRewritesIdentically("dtype_u4.npy", NpyArray.of(DType.UINT32, new int[] {0, 1, 2, -2, -1}));
        assertRewritesIdentically("dtype_i4.npy", NpyArray.ofInts(new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}));
        assertRewritesIdentically("dtype_u8.npy", NpyArray.of(DType.UINT64, new long[] {0, 1, 2, -2, -1}));
        assertRewritesIdentically("dtype_i8.npy", NpyArray.ofLongs(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}));
        assertRewritesIdentically("dtype_b1.npy", NpyArray.ofBooleans(new boolean[] {true, false, true, true, false}));
    }

    @Test
    void floatDtypesReadAndWriteExactlyAsNumpy() throws IOException {
        assertArrayEquals(new double[] {-1.5, 0.0, 0.0999755859375, 65504.0, 3.25}, load("dtype_f2.npy").asDoubleArray());
        assertArrayEquals(new double[] {-1.5, 0.0, 0.10000000149011612, 1.0000000150474662e+30, 3.25},
                load("dtype_f4.npy").asDoubleArray());
        assertArrayEquals(new float[] {-1.5f, 0.0f, 0.1f, 1e30f, 3.25f}, load("dtype_f4.npy").asFloatArray());
        assertArrayEquals(new double[] {-1.5, 0.0, 0.1, 1e30, 3.25}, load("dtype_f8.npy").asDoubleArray());

        double[] values = {-1.5, 0.0, 0.1, 65504.0, 3.25};
        assertRewritesIdentically("dtype_f2.npy", NpyArray.of(DType.FLOAT16, values));
        assertRewritesIdentically("dtype_f4.npy", NpyArray.ofFloats(new float[] {-1.5f, 0.0f, 0.1f, 1e30f, 3.25f}));
        assertRewritesIdentically("dtype_f8.npy", NpyArray.ofDoubles(new double[] {-1.5, 0.0, 0.1, 1e30, 3.25}));
        assertThrows(IllegalStateException.class, () -> load("dtype_f8.npy").asLongArray());
    }

    @Test
    void bigEndianFilesReadAndKeepTheirByteOrder() throws IOException {
        NpyArray ints = load("big_endian_i4.npy");
        assertEquals(ByteOrder.BIG_ENDIAN, ints.header().byteOrder());
        assertArrayEquals(new long[] {3, 4}, ints.shape());
        assertArrayEquals(new int[] {-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8}, ints.asIntArray());
        assertArrayEquals(new double[] {1.5, -2.25, 1e-300}, load("big_endian_f8.npy").asDoubleArray());
        assertArrayEquals(new int[] {1, 258, 65535}, load("big_endian_u2.npy").asIntArray());
        assertRewritesIdentically("big_endian_i4.npy", ints);
    }

    @Test
    void fortranOrderIsReadInCOrder() throws IOException {
        NpyArray f = load("fortran_i4.npy");
        assertTrue(f.isFortranOrder());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, f.asIntArray());
        assertEquals(6, f.getLong(6));
        NpyArray f3 = load("fortran_i2_3d.npy");
        NpyArray c3 = load("c_i2_3d.npy");
        assertArrayEquals(c3.asShortArray(), f3.asShortArray());
        assertArrayEquals(c3.asLongArray(), f3.asLongArray());
        assertEquals(23, f3.getLong(23));
        assertRewritesIdentically("fortran_i4.npy", f);
        assertRewritesIdentically("fortran_i2_3d.npy", f3);
    }

    @Test
    void versionsTwoAndThreeAreRead() throws IOException {
        NpyArray v2 = load("v2_i8.npy");
        assertArrayEquals(new long[] {2, 5}, v2.shape());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, v2.asLongArray());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, load("v3_f4.npy").asFloatArray());
    }

    @Test
    void scalarsEmptyAndManyAxesRoundTrip() throws IOException {
        NpyArray scalar = load("scalar_f8.npy");
        assertEquals(0, scalar.ndim());
        assertEquals(2.5, scalar.getDouble(0));
        assertRewritesIdentically("scalar_f8.npy", scalar);
        NpyArray empty = load("empty_i8.npy");
        assertArrayEquals(new long[] {0, 3}, empty.shape());
        assertEquals(0, empty.asLongArray().length);
        assertRewritesIdentically("empty_i8.npy", empty);
        NpyArray many = load("long_shape_u1.npy");
        assertEquals(30, many.ndim());
        assertRewritesIdentically("long_shape_u1.npy", many);
    }

    @Test
    void largerArrayMatchesNumpyValuesAndBytes() throws IOException {
        NpyArray wide = load("wide_u2.npy");
        int[] values = wide.asIntArray();
        assertEquals(100_000, values.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(i % 65536, values[i]);
        }
        assertRewritesIdentically("wide_u2.npy", NpyArray.of(DType.UINT16, values, 100, 1000));
    }

    @Test
    void gptNeoxIndexMapFilesRewriteByteForByte() throws IOException {
        String sampleName = "document_train_0_indexmap_965ns_64sl_1234s_sample_idx.npy";
        NpyArray sampleIdx = load(sampleName);
        assertEquals(DType.INT32, sampleIdx.dtype());
        assertArrayEquals(new long[] {1413, 2}, sampleIdx.shape());
        assertEquals(0, sampleIdx.getLong(0));
        assertEquals(0, sampleIdx.getLong(1));
        Path out = tmp.resolve("sample.npy");
        Npy.writeInts(out, DType.INT32, sampleIdx.asIntArray(), 1413, 2);
        assertArrayEquals(resource(sampleName), Files.readAllBytes(out));

        String shuffleName = "document_train_0_indexmap_965ns_64sl_1234s_shuffle_idx.npy";
        NpyArray shuffleIdx = load(shuffleName);
        assertEquals(DType.UINT32, shuffleIdx.dtype());
        int[] perm = shuffleIdx.asUnsignedIntArray();
        boolean[] seen = new boolean[perm.length];
        for (int v : perm) {
            assertFalse(seen[v]);
            seen[v] = true;
        }
        Npy.writeInts(out, DType.UINT32, perm);
        assertArrayEquals(resource(shuffleName), Files.readAllBytes(out));

        NpyArray permutation = load("seed1234_permutation_1000.npy");
        long[] first = new long[5];
        System.arraycopy(permutation.asLongArray(), 0, first, 0, 5);
        assertArrayEquals(new long[] {681, 990, 155, 768, 438}, first);
        Npy.writeLongs(out, permutation.asLongArray());
        assertArrayEquals(resource("seed1234_permutation_1000.npy"), Files.readAllBytes(out));

        NpyArray doubles = load("seed1234_random_sample_first20.npy");
        assertEquals(0.1915194503788923, doubles.getDouble(0));
        assertEquals(0.8826411906361166, doubles.getDouble(19));
        assertRewritesIdentically("seed1234_random_sample_first20.npy", NpyArray.ofDoubles(doubles.asDoubleArray()));
    }

    @Test
    void factoriesRejectValuesAndShapesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> NpyArray.of(DType.UINT8, new long[] {256}));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.of(DType.INT16, new long[] {-40000}));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofLongs(new long[] {1, 2, 3}, 2, 2));
        assertThrows(ArithmeticException.class, () -> NpyArray.ofLongs(new long[] {1L << 40}).asIntArray());
    }
}
