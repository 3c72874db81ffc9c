package io.timelapse.plugin.openfold.output;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.npy.Npz;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's outputs as an {@code .npz} that {@code numpy.load} reads: one array per output under its
 * name, in its own dtype and shape (bfloat16 and float16 become float32), deflated like
 * {@code numpy.savez_compressed} and written atomically.
 */
public final class PredictionNpz {

    private PredictionNpz() {}

    public static void write(Path file, Map<String, HostTensor> outputs) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        outputs.forEach((name, value) -> arrays.put(name, toNpy(value)));
        Npz.write(file, arrays, true);
    }

    /** {@code value} as an array of the matching NumPy dtype, keeping its shape (also a 0-d one). */
    public static NpyArray toNpy(HostTensor value) {
        long[] dims = value.shape().dims();
        switch (value.dtype()) {
            case F16:
            case BF16:
                return NpyArray.ofFloats(value.toFloats(), dims);
            default:
                return new NpyArray(npyType(value.dtype()), dims, false,
                        LargeByteBuffer.wrap(value.buffer(), ByteOrder.LITTLE_ENDIAN));
        }
    }

    private static DType npyType(io.timelapse.api.compute.DType dtype) {
        switch (dtype) {
            case F32:
                return DType.FLOAT32;
            case F64:
                return DType.FLOAT64;
            case I32:
                return DType.INT32;
            case I64:
                return DType.INT64;
            case U8:
                return DType.UINT8;
            case BOOL:
                return DType.BOOL;
            default:
                throw new IllegalArgumentException("no NumPy dtype for " + dtype);
        }
    }
}
