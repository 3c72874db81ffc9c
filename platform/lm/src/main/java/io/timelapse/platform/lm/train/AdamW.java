package io.timelapse.platform.lm.train;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's AdamW as one graph update: decoupled weight decay {@code p ← p·(1 − lr·wd)}, then
 * {@code p ← p − lr·m̂/(√v̂ + ε)} with bias-corrected moments. The learning rate and the 1-based step
 * are fed each step, so schedules live on the host and a resumed run continues exactly.
 */
public final class AdamW {

    private final Tensor learningRate;
    private final Tensor step;
    private final Map<String, Variable> firstMoments = new LinkedHashMap<>();
    private final Map<String, Variable> secondMoments = new LinkedHashMap<>();
    private final Operation update;

    /**
     * @param decayed which parameters get weight decay (GPT-NeoX exempts biases and layer norms)
     */
    public AdamW(Ops root, Map<String, Variable> parameters, List<Tensor> gradients, List<Boolean> decayed,
                 double beta1, double beta2, double epsilon, double weightDecay) {
        Ops ops = root.scope("adamw");
        learningRate = ops.placeholder("learning_rate", DType.F32, Shape.scalar());
        step = ops.placeholder("step", DType.F32, Shape.scalar());
        Tensor one = ops.scalar(1, DType.F32);
        Tensor b1 = ops.scalar(beta1, DType.F32);
        Tensor b2 = ops.scalar(beta2, DType.F32);
        Tensor correction1 = ops.sub(one, ops.pow(b1, step));
        Tensor correction2 = ops.sub(one, ops.pow(b2, step));
        List<Operation> updates = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Variable> entry : parameters.entrySet()) {
            Variable parameter = entry.getValue();
            Tensor gradient = gradients.get(i);
            Variable m = ops.stateVariable("m." + entry.getKey(), DType.F32, parameter.shape(), Initializer.zeros());
            Variable v = ops.stateVariable("v." + entry.getKey(), DType.F32, parameter.shape(), Initializer.zeros());
            firstMoments.put(entry.getKey(), m);
            secondMoments.put(entry.getKey(), v);
            Tensor newM = ops.add(ops.mul(b1, m), ops.mul(ops.sub(one, b1), gradient));
            Tensor newV = ops.add(ops.mul(b2, v), ops.mul(ops.sub(one, b2), ops.square(gradient)));
            Tensor denominator = ops.add(ops.sqrt(ops.div(newV, correction2)), ops.scalar(epsilon, DType.F32));
            Tensor adam = ops.div(ops.div(newM, correction1), denominator);
            Tensor kept = decayed.get(i) ? ops.mul(parameter, ops.sub(one, ops.mul(learningRate, ops.scalar(weightDecay, DType.F32)))) : parameter;
            updates.add(ops.assign(parameter, ops.sub(kept, ops.mul(learningRate, adam))));
            updates.add(ops.assign(m, newM));
            updates.add(ops.assign(v, newV));
            i++;
        }
        update = ops.group(updates);
    }

    /** Feed: F32 scalar. */
    public Tensor learningRate() {
        return learningRate;
    }

    /** Feed: the 1-based number of this update, F32 scalar. */
    public Tensor step() {
        return step;
    }

    public Operation update() {
        return update;
    }

    /** The optimizer state by name ({@code m.<parameter>}, {@code v.<parameter>}), for checkpoints. */
    public Map<String, Variable> state() {
        Map<String, Variable> all = new LinkedHashMap<>();
        firstMoments.forEach((name, variable) -> all.put("m." + name, variable));
        secondMoments.forEach((name, variable) -> all.put("v." + name, variable));
        return all;
    }
}
