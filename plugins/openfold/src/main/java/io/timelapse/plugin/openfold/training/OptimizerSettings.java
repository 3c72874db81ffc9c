package io.timelapse.plugin.openfold.training;

import io.timelapse.lib.train.LearningRateSchedule;

/**
 * Adam and gradient clipping as OpenFold trains (spec §4, {@code AlphaFoldLRScheduler}): the peak learning rate
 * reached by a linear warm-up from 0, held until step {@code decayAfter}, then multiplied by {@code decayFactor} every
 * {@code decayEvery} steps; β₁, β₂, ε, and the bound on the gradients' global norm.
 *
 * @param warmupSteps steps of the linear warm-up; 0 starts at the peak rate
 * @param decayAfter the step after which the rate first decays (at least the warm-up)
 * @param decayEvery steps between two decays
 * @param decayFactor what each decay multiplies the rate by; 1 keeps it at the peak
 */
public record OptimizerSettings(double learningRate, long warmupSteps, long decayAfter, long decayEvery, double decayFactor, double beta1,
        double beta2, double eps, double clipNorm) {

    /** OpenFold's {@code configure_optimizers} ε; the AF2 paper's supplement uses 1e-6. */
    public static final double OPENFOLD_EPS = 1e-5;

    public OptimizerSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, not " + learningRate);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("the warm-up must be 0 or more steps, not " + warmupSteps);
        }
        if (decayAfter < warmupSteps || decayEvery < 1) {
            throw new IllegalArgumentException("the rate must decay after the warm-up's " + warmupSteps + " steps, every 1 or more steps, not after "
                    + decayAfter + " every " + decayEvery);
        }
        if (!(decayFactor > 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("the decay factor must be in (0, 1], not " + decayFactor);
        }
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("the gradient norm bound must be positive, not " + clipNorm);
        }
    }

    /**
     * OpenFold's defaults: lr 1e-3 after 1,000 warm-up steps, ×0.95 every 50,000 steps after step 50,000, β 0.9/0.999,
     * ε 1e-5, clipping at global norm 0.1.
     */
    public static OptimizerSettings openFold() {
        return new OptimizerSettings(1e-3, 1000, 50_000, 50_000, 0.95, 0.9, 0.999, OPENFOLD_EPS, 0.1);
    }

    /** These settings with another peak rate and warm-up; a decay that would start within the warm-up starts at its end. */
    public OptimizerSettings withLearningRate(double rate, long warmup) {
        return new OptimizerSettings(rate, warmup, Math.max(decayAfter, warmup), decayEvery, decayFactor, beta1, beta2, eps, clipNorm);
    }

    /** These settings with the rate multiplied by {@code factor} every {@code every} steps after step {@code after}. */
    public OptimizerSettings withDecay(long after, long every, double factor) {
        return new OptimizerSettings(learningRate, warmupSteps, after, every, factor, beta1, beta2, eps, clipNorm);
    }

    /** The learning rate as a function of the completed steps. */
    public LearningRateSchedule schedule() {
        LearningRateSchedule peak = decayFactor == 1 ? new LearningRateSchedule.Constant(learningRate)
                : new LearningRateSchedule.DelayedStepDecay(learningRate, decayAfter - warmupSteps, decayEvery, decayFactor);
        return warmupSteps == 0 ? peak : new LearningRateSchedule.LinearWarmup(warmupSteps, peak);
    }
}
