package io.timelapse.plugin.openfold.training;

import io.timelapse.lib.train.LearningRateSchedule;

/**
 * Adam and gradient clipping as OpenFold trains (spec §4): peak learning rate reached by a linear warm-up from 0,
 * β₁, β₂, ε, and the bound on the gradients' global norm.
 *
 * @param warmupSteps steps of the linear warm-up; 0 starts at the peak rate
 */
public record OptimizerSettings(double learningRate, long warmupSteps, double beta1, double beta2, double eps, double clipNorm) {

    /** OpenFold's {@code configure_optimizers} ε; the AF2 paper's supplement uses 1e-6. */
    public static final double OPENFOLD_EPS = 1e-5;

    public OptimizerSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, not " + learningRate);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("the warm-up must be 0 or more steps, not " + warmupSteps);
        }
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("the gradient norm bound must be positive, not " + clipNorm);
        }
    }

    /** OpenFold's schedule: lr 1e-3 after 1,000 warm-up steps, β 0.9/0.999, ε 1e-5, clipping at global norm 0.1. */
    public static OptimizerSettings openFold() {
        return new OptimizerSettings(1e-3, 1000, 0.9, 0.999, OPENFOLD_EPS, 0.1);
    }

    public OptimizerSettings withLearningRate(double rate, long warmup) {
        return new OptimizerSettings(rate, warmup, beta1, beta2, eps, clipNorm);
    }

    /** The learning rate as a function of the completed steps. */
    public LearningRateSchedule schedule() {
        LearningRateSchedule peak = new LearningRateSchedule.Constant(learningRate);
        return warmupSteps == 0 ? peak : new LearningRateSchedule.LinearWarmup(warmupSteps, peak);
    }
}
