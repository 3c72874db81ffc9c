package io.timelapse.lib.nn;

import io.timelapse.api.compute.Tensor;

/**
 * Which keys each query may attend to.
 *
 * @param causal whether query i (at cache index past + i) sees only keys at cache indices ≤ past + i
 * @param keyPadding BOOL {@code [batch, keys]}, true for real tokens, covering the cached and the new
 *     keys; null when nothing is padded
 */
public record AttentionMask(boolean causal, Tensor keyPadding) {

    public static AttentionMask none() {
        return new AttentionMask(false, null);
    }

    public static AttentionMask causalOnly() {
        return new AttentionMask(true, null);
    }

    public static AttentionMask padding(Tensor keyPadding) {
        return new AttentionMask(false, keyPadding);
    }

    public static AttentionMask causal(Tensor keyPadding) {
        return new AttentionMask(true, keyPadding);
    }
}
