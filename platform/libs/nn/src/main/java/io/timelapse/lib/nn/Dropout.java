package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import java.nio.charset.StandardCharsets;

/**
 * Inverted dropout whose mask is a function of the graph seed, a step tensor and this layer's
 * scope name: the same step gives the same mask on every run, and two dropout layers never share one.
 */
public final class Dropout {

    private static final long STEP_MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final Ops ops;
    private final double rate;
    private final long salt;

    public Dropout(Ops ops, double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException(ops.scopeName() + ": dropout rate must be in [0, 1), got " + rate);
        }
        this.ops = ops;
        this.rate = rate;
        this.salt = fnv(ops.scopeName());
    }

    public double rate() {
        return rate;
    }

    /**
     * {@code x} with elements zeroed with probability {@code rate} and the rest scaled by
     * 1/(1−rate); {@code x} itself when not training.
     *
     * @param step an integer scalar, for example the training step
     */
    public Tensor apply(Tensor x, Tensor step, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        Tensor multiplier = ops.constant(HostTensor.scalar(STEP_MULTIPLIER));
        Tensor seed = ops.add(ops.mul(ops.cast(step, DType.I64), multiplier), ops.constant(HostTensor.scalar(salt)));
        return ops.dropout(x, rate, seed);
    }

    private static long fnv(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
