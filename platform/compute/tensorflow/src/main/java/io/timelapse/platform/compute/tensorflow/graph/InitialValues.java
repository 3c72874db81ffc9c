package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.nio.charset.StandardCharsets;

/**
 * A variable's initial value as graph operations. Random values are stateless, seeded by the graph
 * seed and a hash of the variable's name: the same seed gives the same parameters on every run and
 * in whatever order the variables were created.
 */
final class InitialValues {

    private final Ops ops;

    InitialValues(Ops ops) {
        this.ops = ops;
    }

    Tensor of(String name, DType dtype, Shape shape, Initializer initializer) {
        if (initializer instanceof Initializer.Constant constant) {
            return constant.value() == 0 ? ops.zeros(shape, dtype) : ops.mul(ops.ones(shape, dtype), ops.scalar(constant.value(), dtype));
        }
        if (initializer instanceof Initializer.FromHost fromHost) {
            if (fromHost.value().dtype() != dtype || !fromHost.value().shape().equals(shape)) {
                throw new IllegalArgumentException("variable " + name + " is " + dtype + shape + ", its initial value is "
                        + fromHost.value().dtype() + fromHost.value().shape());
            }
            return ops.constant(fromHost.value());
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("variable " + name + " is " + dtype + ": random initializers need a floating dtype");
        }
        long seed = nameSeed(name);
        if (initializer instanceof Initializer.Normal normal) {
            return ops.randomNormal(shape, dtype, normal.mean(), normal.std(), seed);
        }
        if (initializer instanceof Initializer.TruncatedNormal truncated) {
            return ops.truncatedNormal(shape, dtype, truncated.mean(), truncated.std(), seed);
        }
        Initializer.Uniform uniform = (Initializer.Uniform) initializer;
        return ops.randomUniform(shape, dtype, uniform.min(), uniform.max(), seed);
    }

    /** FNV-1a of the name, so seeds do not depend on creation order. */
    static long nameSeed(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
