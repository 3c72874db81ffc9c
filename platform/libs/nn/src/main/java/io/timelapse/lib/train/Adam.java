package io.timelapse.lib.train;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code torch.optim.Adam} and {@code AdamW}. With t = completed + 1:
 * m ← m + (1 − β₁)(g − m), v ← β₂v + (1 − β₂)g², p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
 * Adam adds the L2 term λp to g; AdamW instead first decays p ← p·(1 − lr·λ). Slots
 * {@code opt.<adam|adamw>.m.<parameter>} and {@code .v.}.
 */
public final class Adam extends Optimizer {

    /** PyTorch's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (weight decay 0 for Adam, 0.01 for AdamW). */
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;
    public static final double ADAMW_WEIGHT_DECAY = 0.01;

    /**
     * Parameters that GPT-NeoX and most transformer recipes exclude from weight decay: biases and
     * normalisation gains ({@code …layernorm.weight}, {@code final_layer_norm.weight}).
     */
    public static final Predicate<String> BIASES_AND_NORMS = name -> name.endsWith(".bias") || name.contains("norm");

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final Predicate<String> undecayed;

    private Adam(Graph graph, String name, StepCounter step, LearningRateSchedule schedule, double beta1, double beta2,
                 double eps, double weightDecay, boolean decoupled, Predicate<String> undecayed) {
        super(graph, name, step, schedule);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.undecayed = undecayed;
    }

    /** Adam with an L2 penalty added to the gradient. */
    public static Adam adam(Graph graph, StepCounter step, LearningRateSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(graph, "adam", step, schedule, beta1, beta2, eps, weightDecay, false, name -> false);
    }

    public static Adam adam(Graph graph, StepCounter step, LearningRateSchedule schedule) {
        return adam(graph, step, schedule, BETA1, BETA2, EPS, 0);
    }

    /** AdamW: weight decay decoupled from the gradient. */
    public static Adam adamW(Graph graph, StepCounter step, LearningRateSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(graph, "adamw", step, schedule, beta1, beta2, eps, weightDecay, true, name -> false);
    }

    /**
     * AdamW with no weight decay on the parameters whose names match {@code undecayed}, as PyTorch's
     * parameter groups do it (for example {@link #BIASES_AND_NORMS}).
     */
    public static Adam adamW(Graph graph, StepCounter step, LearningRateSchedule schedule, double beta1, double beta2, double eps,
                             double weightDecay, Predicate<String> undecayed) {
        return new Adam(graph, "adamw", step, schedule, beta1, beta2, eps, weightDecay, true, undecayed);
    }

    public static Adam adamW(Graph graph, StepCounter step, LearningRateSchedule schedule) {
        return adamW(graph, step, schedule, BETA1, BETA2, EPS, ADAMW_WEIGHT_DECAY);
    }

    @Override
    protected Operation updateOne(Ops ops, Variable parameter, Tensor gradient, Tensor learningRate, Tensor completed) {
        DType dtype = parameter.dtype();
        Tensor g = gradient;
        double decay = undecayed.test(parameter.name()) ? 0 : weightDecay;
        if (decoupled && decay != 0) {
            Tensor decayed = ops.mul(parameter, ops.sub(ops.scalar(1, dtype), ops.mul(learningRate, ops.scalar(decay, dtype))));
            g = ops.after(g, List.of(ops.assign(parameter, decayed)));
        } else if (decay != 0) {
            g = ops.add(g, ops.mul(ops.scalar(decay, dtype), parameter));
        }
        // PyTorch's update p − (lr / c₁) · m / (√v / √c₂ + ε) as the fused pass p − (lr·√c₂ / c₁) · m / (√v + ε·√c₂),
        // with c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ in F64 as PyTorch computes them in Python floats; shared by all parameters.
        Tensor t = stepScalar("t", DType.F64, () -> ops.add(completed, ops.scalar(1, DType.F64)));
        Tensor correction1 = stepScalar("c1", DType.F64, () -> ops.sub(ops.scalar(1, DType.F64), ops.pow(ops.scalar(beta1, DType.F64), t)));
        Tensor correction2Root = stepScalar("sqrt_c2", DType.F64,
                () -> ops.sqrt(ops.sub(ops.scalar(1, DType.F64), ops.pow(ops.scalar(beta2, DType.F64), t))));
        Tensor stepSize = stepScalar("step_size", dtype,
                () -> ops.cast(ops.div(ops.mul(ops.cast(learningRate, DType.F64), correction2Root), correction1), dtype));
        Tensor epsilon = stepScalar("epsilon", dtype, () -> ops.cast(ops.mul(ops.scalar(eps, DType.F64), correction2Root), dtype));
        return ops.applyAdam(parameter, slot("m", parameter), slot("v", parameter), g, stepSize, beta1, beta2, epsilon);
    }
}
