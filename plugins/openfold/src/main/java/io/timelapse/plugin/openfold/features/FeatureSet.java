package io.timelapse.plugin.openfold.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named feature tensors under OpenFold's feature names, in insertion order. */
public final class FeatureSet {

    private final Map<String, FeatureArray> features = new LinkedHashMap<>();

    public FeatureSet put(String name, FeatureArray value) {
        features.put(name, value);
        return this;
    }

    public FeatureSet putAll(FeatureSet other) {
        features.putAll(other.features);
        return this;
    }

    public FeatureArray get(String name) {
        FeatureArray value = features.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no feature '" + name + "'; present: " + features.keySet());
        }
        return value;
    }

    public boolean contains(String name) {
        return features.containsKey(name);
    }

    public FeatureArray remove(String name) {
        return features.remove(name);
    }

    public Map<String, FeatureArray> asMap() {
        return Collections.unmodifiableMap(features);
    }
}
