package io.timelapse.plugin.openfold.features;

import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npz;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Feature sets as .npz files (one array per feature, OpenFold's names, float32/int32), written atomically. */
public final class FeatureFiles {

    private FeatureFiles() {}

    public static void write(Path file, FeatureSet features) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, FeatureArray> e : features.asMap().entrySet()) {
            FeatureArray a = e.getValue();
            int[] shape = a.shape();
            long[] dims = new long[shape.length];
            for (int k = 0; k < shape.length; k++) {
                dims[k] = shape[k];
            }
            arrays.put(e.getKey(), a.dtype() == FeatureArray.DType.FLOAT32
                    ? NpyArray.ofFloats(a.floats(), dims) : NpyArray.ofInts(a.ints(), dims));
        }
        Npz.write(file, arrays, true);
    }

    public static FeatureSet read(Path file) throws IOException {
        FeatureSet out = new FeatureSet();
        for (Map.Entry<String, NpyArray> e : Npz.read(file).entrySet()) {
            NpyArray a = e.getValue();
            long[] dims = a.shape();
            int[] shape = new int[dims.length];
            for (int k = 0; k < dims.length; k++) {
                shape[k] = (int) dims[k];
            }
            if (a.dtype() == DType.FLOAT32) {
                out.put(e.getKey(), FeatureArray.ofFloats(a.asFloatArray(), shape));
            } else if (a.dtype().isInteger()) {
                out.put(e.getKey(), FeatureArray.ofInts(a.asIntArray(), shape));
            } else {
                out.put(e.getKey(), FeatureArray.ofFloats(a.asFloatArray(), shape));
            }
        }
        return out;
    }
}
