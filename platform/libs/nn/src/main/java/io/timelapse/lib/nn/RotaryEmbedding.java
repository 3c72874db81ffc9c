package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import java.util.List;

/**
 * Rotary position embeddings on the first {@code rotaryDims} features of each head, in the
 * rotate-half convention of GPT-NeoX and Hugging Face: feature j pairs with feature j + rotaryDims/2,
 * inverse frequencies base^(−2i/rotaryDims), angle = position · inverse frequency. The angles are
 * computed in float32 (float64 for F64 graphs), as Hugging Face does.
 */
public final class RotaryEmbedding {

    private final int rotaryDims;
    private final double base;

    public RotaryEmbedding(int rotaryDims, double base) {
        if (rotaryDims <= 0 || rotaryDims % 2 != 0) {
            throw new IllegalArgumentException("rotary dimensions must be positive and even, got " + rotaryDims);
        }
        this.rotaryDims = rotaryDims;
        this.base = base;
    }

    public int rotaryDims() {
        return rotaryDims;
    }

    /** The rotary dimensions Hugging Face derives from a head size and {@code rotary_pct}: int(headDim · fraction). */
    public static int dims(long headDim, double fraction) {
        return (int) (headDim * fraction);
    }

    /** The cosines and sines for integer {@code positions} ({@code [T]} or {@code [B, T]}), shaped to broadcast against {@code [B, H, T, rotaryDims]}. */
    public Angles angles(Ops ops, Tensor positions, DType dtype) {
        DType compute = dtype == DType.F64 ? DType.F64 : DType.F32;
        int half = rotaryDims / 2;
        double[] inverse = new double[half];
        for (int i = 0; i < half; i++) {
            inverse[i] = 1.0 / Math.pow(base, 2.0 * i / rotaryDims);
        }
        Tensor frequencies = ops.cast(ops.constant(HostTensor.of(inverse, half)), compute);
        Tensor angles = ops.mul(ops.expandDims(ops.cast(positions, compute), -1), frequencies);
        Tensor doubled = ops.concat(-1, List.of(angles, angles));
        if (positions.shape().rank() == 2) {
            doubled = ops.expandDims(doubled, 1);
        }
        return new Angles(ops.cast(ops.cos(doubled), dtype), ops.cast(ops.sin(doubled), dtype));
    }

    /** Rotates the first {@code rotaryDims} features of {@code x [B, H, T, D]}; the rest pass through. */
    public Tensor apply(Ops ops, Tensor x, Angles angles) {
        long headDim = x.shape().dim(-1);
        if (headDim < rotaryDims) {
            throw new IllegalArgumentException("rotary dimensions " + rotaryDims + " exceed the head size " + headDim);
        }
        Tensor rotary = x;
        Tensor pass = null;
        if (headDim > rotaryDims) {
            List<Tensor> parts = ops.split(x, -1, rotaryDims, headDim - rotaryDims);
            rotary = parts.get(0);
            pass = parts.get(1);
        }
        List<Tensor> halves = ops.split(rotary, -1, rotaryDims / 2, rotaryDims / 2);
        Tensor rotatedHalf = ops.concat(-1, List.of(ops.neg(halves.get(1)), halves.get(0)));
        Tensor embedded = ops.add(ops.mul(rotary, angles.cos()), ops.mul(rotatedHalf, angles.sin()));
        return pass == null ? embedded : ops.concat(-1, List.of(embedded, pass));
    }

    /** Cosines and sines of the rotation angles. */
    public record Angles(Tensor cos, Tensor sin) {}
}
