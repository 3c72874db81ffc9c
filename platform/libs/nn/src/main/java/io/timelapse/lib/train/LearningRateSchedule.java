package io.timelapse.lib.train;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/**
 * A learning rate as a function of the number of completed steps t, built into the graph (F64).
 * Records compose: {@code new LinearWarmup(100, new Cosine(3e-4, 3e-5, 900))}.
 */
public sealed interface LearningRateSchedule {

    /** The rate at step {@code step} (an integer scalar tensor), as an F64 scalar. */
    Tensor at(Ops ops, Tensor step);

    /** The same rate at every step. */
    record Constant(double rate) implements LearningRateSchedule {
        @Override
        public Tensor at(Ops ops, Tensor step) {
            return ops.scalar(rate, DType.F64);
        }
    }

    /**
     * Rises linearly from 0 at t = 0 to {@code then}'s first value at t = warmupSteps, then follows
     * {@code then} shifted by the warm-up (Hugging Face's {@code get_*_schedule_with_warmup}).
     */
    record LinearWarmup(long warmupSteps, LearningRateSchedule then) implements LearningRateSchedule {
        public LinearWarmup {
            if (warmupSteps <= 0) {
                throw new IllegalArgumentException("warm-up steps must be positive, got " + warmupSteps);
            }
        }

        @Override
        public Tensor at(Ops ops, Tensor step) {
            Tensor t = ops.cast(step, DType.F64);
            Tensor warmup = ops.scalar(warmupSteps, DType.F64);
            Tensor rising = ops.mul(then.at(ops, ops.scalar(0, DType.I64)), ops.div(t, warmup));
            Tensor after = then.at(ops, ops.sub(ops.cast(step, DType.I64), ops.scalar(warmupSteps, DType.I64)));
            return ops.where(ops.less(t, warmup), rising, after);
        }
    }

    /**
     * Cosine annealing from {@code peak} at t = 0 to {@code minimum} at t = decaySteps, then
     * {@code minimum}: PyTorch's {@code CosineAnnealingLR} closed form with T_max = decaySteps.
     */
    record Cosine(double peak, double minimum, long decaySteps) implements LearningRateSchedule {
        public Cosine {
            if (decaySteps <= 0) {
                throw new IllegalArgumentException("decay steps must be positive, got " + decaySteps);
            }
        }

        @Override
        public Tensor at(Ops ops, Tensor step) {
            Tensor t = ops.minimum(ops.maximum(ops.cast(step, DType.F64), ops.scalar(0, DType.F64)), ops.scalar(decaySteps, DType.F64));
            Tensor cosine = ops.cos(ops.mul(t, ops.scalar(Math.PI / decaySteps, DType.F64)));
            Tensor factor = ops.mul(ops.scalar(0.5, DType.F64), ops.add(ops.scalar(1, DType.F64), cosine));
            return ops.add(ops.scalar(minimum, DType.F64), ops.mul(ops.scalar(peak - minimum, DType.F64), factor));
        }
    }

    /** {@code initial · gamma^floor(t / stepSize)}: PyTorch's {@code StepLR}. */
    record StepDecay(double initial, long stepSize, double gamma) implements LearningRateSchedule {
        public StepDecay {
            if (stepSize <= 0) {
                throw new IllegalArgumentException("step size must be positive, got " + stepSize);
            }
        }

        @Override
        public Tensor at(Ops ops, Tensor step) {
            Tensor periods = ops.cast(ops.div(ops.cast(step, DType.I64), ops.scalar(stepSize, DType.I64)), DType.F64);
            return ops.mul(ops.scalar(initial, DType.F64), ops.pow(ops.scalar(gamma, DType.F64), periods));
        }
    }

    /**
     * {@code peak} up to step {@code start}, then {@code peak · gamma^(⌊(t − start) / every⌋ + 1)}: OpenFold's
     * {@code AlphaFoldLRScheduler} after its warm-up, whose first decay comes one step after {@code start}.
     */
    record DelayedStepDecay(double peak, long start, long every, double gamma) implements LearningRateSchedule {
        public DelayedStepDecay {
            if (start < 0 || every <= 0) {
                throw new IllegalArgumentException("the decay needs a start of 0 or more and a positive period, got " + start + " and " + every);
            }
        }

        @Override
        public Tensor at(Ops ops, Tensor step) {
            Tensor since = ops.sub(ops.cast(step, DType.I64), ops.scalar(start, DType.I64));
            Tensor periods = ops.add(ops.cast(ops.div(since, ops.scalar(every, DType.I64)), DType.F64), ops.scalar(1, DType.F64));
            Tensor decayed = ops.mul(ops.scalar(peak, DType.F64), ops.pow(ops.scalar(gamma, DType.F64), periods));
            return ops.where(ops.greater(since, ops.scalar(0, DType.I64)), decayed, ops.scalar(peak, DType.F64));
        }
    }

    static LearningRateSchedule constant(double rate) {
        return new Constant(rate);
    }
}
