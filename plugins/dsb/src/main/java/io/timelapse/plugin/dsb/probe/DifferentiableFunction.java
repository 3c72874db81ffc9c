package io.timelapse.plugin.dsb.probe;

/** A function of many variables that computes its gradient with its value. */
@FunctionalInterface
public interface DifferentiableFunction {

    /** {@code f(x)}; writes ∇f(x) into {@code gradient} (same length as {@code x}). */
    double evaluate(double[] x, double[] gradient);
}
