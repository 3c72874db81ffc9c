package io.timelapse.api.compute;

/**
 * How a variable gets its first value. Random initializers are seeded from the graph's seed and the
 * variable's name, so the same seed gives the same parameters whatever order variables are created in.
 */
public sealed interface Initializer {

    record Constant(double value) implements Initializer {}

    record Normal(double mean, double std) implements Initializer {}

    /** Normal values redrawn until within two standard deviations of the mean. */
    record TruncatedNormal(double mean, double std) implements Initializer {}

    record Uniform(double min, double max) implements Initializer {}

    /** A fixed value, for example weights loaded from a file. */
    record FromHost(HostTensor value) implements Initializer {}

    static Initializer zeros() {
        return new Constant(0);
    }

    static Initializer ones() {
        return new Constant(1);
    }

    static Initializer constant(double value) {
        return new Constant(value);
    }

    static Initializer normal(double mean, double std) {
        return new Normal(mean, std);
    }

    static Initializer truncatedNormal(double mean, double std) {
        return new TruncatedNormal(mean, std);
    }

    static Initializer uniform(double min, double max) {
        return new Uniform(min, max);
    }

    /** PyTorch's default for {@code nn.Linear} weights and biases: U(-1/√fanIn, 1/√fanIn). */
    static Initializer fanInUniform(long fanIn) {
        double bound = 1 / Math.sqrt(fanIn);
        return new Uniform(-bound, bound);
    }

    /** Glorot/Xavier uniform: U(-a, a) with a = √(6 / (fanIn + fanOut)). */
    static Initializer xavierUniform(long fanIn, long fanOut) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        return new Uniform(-bound, bound);
    }

    static Initializer of(HostTensor value) {
        return new FromHost(value);
    }
}
