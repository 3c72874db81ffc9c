package io.timelapse.api.lm;

import io.timelapse.api.compute.DType;

/**
 * How to load a model.
 *
 * @param computeDType the dtype weights are converted to and the model computes in; null keeps the
 *     dtype stored in the weight files (for example F16)
 */
public record LoadOptions(DType computeDType) {

    /** Weights converted to F32, whatever the files hold. */
    public static LoadOptions defaults() {
        return new LoadOptions(DType.F32);
    }

    /** The dtype of the weight files. */
    public static LoadOptions weightsDType() {
        return new LoadOptions(null);
    }
}
