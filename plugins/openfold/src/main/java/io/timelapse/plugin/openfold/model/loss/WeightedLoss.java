package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenFold's {@code AlphaFoldLoss} combiner: the unweighted terms, each replaced by 0 where it is not
 * finite (NaN or ±∞), are summed with their weights into the unscaled loss, which is then multiplied by
 * √min(mean sequence length, crop length). A term whose weight is 0 is not even built when skipping is
 * on (OpenFold computes it all the same; the violation terms are expensive).
 *
 * <p>A replaced term contributes no value, and zero upstream gradient; as in TensorFlow generally, a term
 * whose own derivatives are not finite may still make some parameter gradients non-finite.
 */
public final class WeightedLoss {

    private final Ops ops;
    private final Map<LossTerm, Double> weights;
    private final boolean skipZeroWeights;
    private final Map<LossTerm, Tensor> terms = new EnumMap<>(LossTerm.class);
    private final Map<LossTerm, Tensor> finite = new EnumMap<>(LossTerm.class);

    /** {@code weights} must name every term that will be added. */
    public WeightedLoss(Ops ops, Map<LossTerm, Double> weights, boolean skipZeroWeights) {
        this.ops = ops;
        this.weights = new EnumMap<>(weights);
        this.skipZeroWeights = skipZeroWeights;
    }

    /** Adds the unweighted scalar term built by {@code build}, which is not called when the term is skipped. */
    public WeightedLoss add(LossTerm term, Supplier<Tensor> build) {
        Double weight = weights.get(term);
        if (weight == null) {
            throw new IllegalArgumentException("loss term '" + term.openFoldName() + "' has no weight");
        }
        if (terms.containsKey(term)) {
            throw new IllegalArgumentException("loss term '" + term.openFoldName() + "' added twice");
        }
        if (weight == 0 && skipZeroWeights) {
            return this;
        }
        Tensor value = build.get();
        Tensor isFinite = ops.logicalAnd(ops.equal(value, value),
                ops.notEqual(ops.abs(value), ops.scalar(Double.POSITIVE_INFINITY, value.dtype())));
        terms.put(term, ops.where(isFinite, value, ops.zerosLike(value)));
        finite.put(term, isFinite);
        return this;
    }

    /**
     * The weighted sum of the terms added, scaled by √min(mean of {@code seqLength} (a scalar or [*],
     * any number type), {@code cropLength}).
     */
    public Total total(Tensor seqLength, long cropLength, DType dtype) {
        Tensor unscaled = ops.scalar(0, dtype);
        for (Map.Entry<LossTerm, Tensor> term : terms.entrySet()) {
            Tensor value = ops.cast(term.getValue(), dtype);
            unscaled = ops.add(unscaled, ops.mul(ops.scalar(weights.get(term.getKey()), dtype), value));
        }
        Tensor length = ops.minimum(ops.mean(ops.cast(seqLength, dtype), false), ops.scalar(cropLength, dtype));
        Tensor loss = ops.mul(unscaled, ops.sqrt(length));
        return new Total(loss, unscaled, Collections.unmodifiableMap(new EnumMap<>(terms)),
                Collections.unmodifiableMap(new EnumMap<>(finite)));
    }

    /**
     * The loss, the unscaled loss, each built term by name (after replacement) and whether it was finite
     * (a boolean scalar per term).
     */
    public record Total(Tensor loss, Tensor unscaledLoss, Map<LossTerm, Tensor> terms, Map<LossTerm, Tensor> finite) {

        /** One warning per term whose fetched {@link #finite} flag is false, naming it, for the host to log. */
        public static List<String> warnings(Map<LossTerm, HostTensor> finiteValues) {
            List<String> warnings = new ArrayList<>();
            finiteValues.forEach((term, flag) -> {
                if (flag.get(0) == 0) {
                    warnings.add("loss term '" + term.openFoldName() + "' is not finite (NaN or infinite); replaced by 0");
                }
            });
            return warnings;
        }
    }
}
