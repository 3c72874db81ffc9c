package io.timelapse.lib.nn;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/** Element-wise activation functions by their PyTorch / Hugging Face names. */
public enum Activation {
    RELU("relu"),
    /** The exact erf GELU ({@code nn.GELU()}, HF {@code "gelu"}). */
    GELU("gelu"),
    /** GELU's tanh approximation ({@code nn.GELU(approximate="tanh")}, HF {@code "gelu_new"}). */
    GELU_TANH("gelu_new"),
    SILU("silu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    IDENTITY("linear");

    private static final double SQRT_2_OVER_PI = 0.7978845608028654;

    private final String hfName;

    Activation(String hfName) {
        this.hfName = hfName;
    }

    /** The name Hugging Face configs use in {@code hidden_act}. */
    public String hfName() {
        return hfName;
    }

    /** The activation a Hugging Face {@code hidden_act} names. */
    public static Activation fromHfName(String name) {
        for (Activation activation : values()) {
            if (activation.hfName.equals(name)) {
                return activation;
            }
        }
        if (name.equals("swish")) {
            return SILU;
        }
        if (name.equals("gelu_pytorch_tanh") || name.equals("gelu_fast")) {
            return GELU_TANH;
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; known: relu, gelu, gelu_new, silu, swish, tanh, sigmoid, linear");
    }

    public Tensor apply(Ops ops, Tensor x) {
        switch (this) {
            case RELU:
                return ops.relu(x);
            case GELU:
                return ops.gelu(x);
            case GELU_TANH: {
                Tensor cube = ops.mul(ops.mul(x, x), x);
                Tensor inner = ops.mul(ops.scalar(SQRT_2_OVER_PI, x.dtype()), ops.add(x, ops.mul(ops.scalar(0.044715, x.dtype()), cube)));
                Tensor half = ops.scalar(0.5, x.dtype());
                return ops.mul(ops.mul(half, x), ops.add(ops.scalar(1, x.dtype()), ops.tanh(inner)));
            }
            case SILU:
                return ops.mul(x, ops.sigmoid(x));
            case TANH:
                return ops.tanh(x);
            case SIGMOID:
                return ops.sigmoid(x);
            default:
                return x;
        }
    }
}
