package io.timelapse.plugin.openfold.dynamics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The steps at which one chain's predictions become planar and become three-dimensional. With d the
 * {@linkplain CaShape#dimension dimension} of each checkpoint's prediction in step order, the transition to k
 * dimensions (k = 2, 3) is the first checkpoint from which every later one has d ≥ k, provided an earlier one had
 * d < k; without such an earlier checkpoint (the run starts at k dimensions or more) or when the last checkpoint is
 * still below k, it is not detected. When the checkpoints skip the planar phase, both transitions fall on one step.
 */
public record Transitions(OptionalLong toPlanar, OptionalLong toThreeD) {

    /** The transitions of checkpoints at {@code steps} (ascending) whose predictions have {@code dimensions}. */
    public static Transitions detect(List<Long> steps, List<Integer> dimensions) {
        if (steps.size() != dimensions.size()) {
            throw new IllegalArgumentException(steps.size() + " steps but " + dimensions.size() + " dimensions");
        }
        return new Transitions(into(2, steps, dimensions), into(3, steps, dimensions));
    }

    /** As {@code run.json} records them: {@code planar} and {@code three_d}, each a step or null when not detected. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("planar", toPlanar.isPresent() ? toPlanar.getAsLong() : null);
        fields.put("three_d", toThreeD.isPresent() ? toThreeD.getAsLong() : null);
        return fields;
    }

    private static OptionalLong into(int k, List<Long> steps, List<Integer> dimensions) {
        int first = dimensions.size();
        while (first > 0 && dimensions.get(first - 1) >= k) {
            first--;
        }
        if (first == 0 || first == dimensions.size()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(steps.get(first));
    }
}
