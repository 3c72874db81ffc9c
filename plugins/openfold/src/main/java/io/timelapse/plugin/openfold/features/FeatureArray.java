package io.timelapse.plugin.openfold.features;

import java.util.Arrays;
import java.util.List;

/** One feature tensor: a C-order shape with float32 or int32 values, as OpenFold's feature dicts hold. */
public final class FeatureArray {

    /** The element type, named as NumPy names it. */
    public enum DType { FLOAT32, INT32 }

    private final int[] shape;
    private final float[] floats;
    private final int[] ints;

    private FeatureArray(int[] shape, float[] floats, int[] ints) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        int length = floats != null ? floats.length : ints.length;
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got " + length);
        }
        this.shape = shape.clone();
        this.floats = floats;
        this.ints = ints;
    }

    public static FeatureArray ofFloats(float[] data, int... shape) {
        return new FeatureArray(shape, data, null);
    }

    public static FeatureArray ofInts(int[] data, int... shape) {
        return new FeatureArray(shape, null, data);
    }

    /**
     * The arrays, all of one shape and type, stacked along a new last axis: element k of array c goes to [k, c]. This is
     * how OpenFold's features carry their recycling slices.
     */
    public static FeatureArray stackLast(List<FeatureArray> arrays) {
        FeatureArray first = arrays.get(0);
        int r = arrays.size();
        int size = first.size();
        int[] shape = Arrays.copyOf(first.shape(), first.rank() + 1);
        shape[first.rank()] = r;
        for (FeatureArray a : arrays) {
            if (!Arrays.equals(a.shape(), first.shape()) || a.dtype() != first.dtype()) {
                throw new IllegalArgumentException("cannot stack a " + a + " with a " + first);
            }
        }
        if (first.dtype() == DType.FLOAT32) {
            float[] out = new float[size * r];
            for (int c = 0; c < r; c++) {
                float[] values = arrays.get(c).floats();
                for (int k = 0; k < size; k++) {
                    out[k * r + c] = values[k];
                }
            }
            return ofFloats(out, shape);
        }
        int[] out = new int[size * r];
        for (int c = 0; c < r; c++) {
            int[] values = arrays.get(c).ints();
            for (int k = 0; k < size; k++) {
                out[k * r + c] = values[k];
            }
        }
        return ofInts(out, shape);
    }

    public DType dtype() {
        return floats != null ? DType.FLOAT32 : DType.INT32;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return floats != null ? floats.length : ints.length;
    }

    /** The float values (the backing array; callers must not modify it). */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("int32 feature has no float values");
        }
        return floats;
    }

    /** The int values (the backing array; callers must not modify it). */
    public int[] ints() {
        if (ints == null) {
            throw new IllegalStateException("float32 feature has no int values");
        }
        return ints;
    }

    /** Values widened to double, whatever the dtype. */
    public double[] toDoubles() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats != null ? floats[i] : ints[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return dtype().name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(shape);
    }
}
