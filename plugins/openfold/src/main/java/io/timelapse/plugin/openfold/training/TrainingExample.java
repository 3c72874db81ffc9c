package io.timelapse.plugin.openfold.training;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.features.FeatureSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One example as OpenFold's training step receives it: features by OpenFold name, each with a trailing recycling
 * axis R (slice c is what recycling cycle c reads), and the number of residues N of the crop.
 */
public record TrainingExample(Map<String, FeatureArray> features, int residues, int cycles) {

    public TrainingExample {
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /** Stacks one feature set per cycle along a new trailing axis; every set must have the same names and shapes. */
    public static TrainingExample stack(List<FeatureSet> perCycle, int residues) {
        if (perCycle.isEmpty()) {
            throw new IllegalArgumentException("an example needs at least one recycling slice");
        }
        int r = perCycle.size();
        Map<String, FeatureArray> stacked = new LinkedHashMap<>();
        for (String name : perCycle.get(0).asMap().keySet()) {
            FeatureArray first = perCycle.get(0).get(name);
            int[] shape = java.util.Arrays.copyOf(first.shape(), first.rank() + 1);
            shape[first.rank()] = r;
            int size = first.size();
            if (first.dtype() == FeatureArray.DType.FLOAT32) {
                float[] out = new float[size * r];
                for (int c = 0; c < r; c++) {
                    float[] values = slice(perCycle, c, name, first).floats();
                    for (int i = 0; i < size; i++) {
                        out[i * r + c] = values[i];
                    }
                }
                stacked.put(name, FeatureArray.ofFloats(out, shape));
            } else {
                int[] out = new int[size * r];
                for (int c = 0; c < r; c++) {
                    int[] values = slice(perCycle, c, name, first).ints();
                    for (int i = 0; i < size; i++) {
                        out[i * r + c] = values[i];
                    }
                }
                stacked.put(name, FeatureArray.ofInts(out, shape));
            }
        }
        return new TrainingExample(stacked, residues, r);
    }

    private static FeatureArray slice(List<FeatureSet> perCycle, int c, String name, FeatureArray first) {
        FeatureArray value = perCycle.get(c).get(name);
        if (!java.util.Arrays.equals(value.shape(), first.shape()) || value.dtype() != first.dtype()) {
            throw new IllegalArgumentException("feature " + name + " differs in shape or type between recycling slices 0 and " + c);
        }
        return value;
    }

    /** Feature {@code name} as a host tensor: int32 as it is, float32 in {@code floating} (F32 or F64). */
    public HostTensor tensor(String name, DType floating) {
        FeatureArray value = features.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the example has no feature " + name);
        }
        long[] dims = java.util.Arrays.stream(value.shape()).asLongStream().toArray();
        if (value.dtype() == FeatureArray.DType.INT32) {
            return HostTensor.of(value.ints(), dims);
        }
        return floating == DType.F32 ? HostTensor.of(value.floats(), dims) : HostTensor.of(value.toDoubles(), dims);
    }
}
