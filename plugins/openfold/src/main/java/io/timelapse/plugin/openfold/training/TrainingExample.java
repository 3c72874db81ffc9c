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
        Map<String, FeatureArray> stacked = new LinkedHashMap<>();
        for (String name : perCycle.get(0).asMap().keySet()) {
            List<FeatureArray> slices = perCycle.stream().map(features -> features.get(name)).toList();
            try {
                stacked.put(name, FeatureArray.stackLast(slices));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("feature " + name + " differs in shape or type between recycling slices", e);
            }
        }
        return new TrainingExample(stacked, residues, perCycle.size());
    }

    /** Feature {@code name} as a host tensor: int32 as it is, float32 in {@code floating} (F32 or F64). */
    public HostTensor tensor(String name, DType floating) {
        FeatureArray value = features.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the example has no feature " + name);
        }
        return host(value, floating);
    }

    /** {@code value} as a host tensor: int32 as it is, float32 in {@code floating} (F32 or F64). */
    public static HostTensor host(FeatureArray value, DType floating) {
        long[] dims = java.util.Arrays.stream(value.shape()).asLongStream().toArray();
        if (value.dtype() == FeatureArray.DType.INT32) {
            return HostTensor.of(value.ints(), dims);
        }
        return floating == DType.F32 ? HostTensor.of(value.floats(), dims) : HostTensor.of(value.toDoubles(), dims);
    }
}
