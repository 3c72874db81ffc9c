package io.timelapse.platform.lm.train;

/** GPT-NeoX's learning rate: linear warm-up to the peak, then cosine decay to a tenth of it at the last step. */
public record CosineSchedule(double peak, long warmupSteps, long totalSteps) {

    /** The rate for the update that completes step {@code step} (1-based). */
    public double at(long step) {
        if (warmupSteps > 0 && step <= warmupSteps) {
            return peak * step / warmupSteps;
        }
        double minimum = peak / 10;
        long decay = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1, (double) (step - warmupSteps) / decay);
        return minimum + (peak - minimum) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
