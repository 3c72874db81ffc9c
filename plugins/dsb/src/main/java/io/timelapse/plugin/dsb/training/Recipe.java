package io.timelapse.plugin.dsb.training;

import io.timelapse.lib.train.LearningRateSchedule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's training recipe (Hugging Face Trainer defaults as {@code train_vision.py} sets them): AdamW with
 * learning rate 1e-3, β = (0.9, 0.95), ε = 1e-8, weight decay 0.05 (not on biases), linear warm-up then a cosine to 0
 * at the last step, batch 128.
 */
public record Recipe(String model, long maxSteps, int batchSize, double learningRate, double beta2, double weightDecay,
                     long warmupSteps, Augmentation augmentation, long seed) {

    public static final double LEARNING_RATE = 1e-3;
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.95;
    public static final double EPS = 1e-8;
    public static final double WEIGHT_DECAY = 0.05;
    public static final int BATCH = 128;
    /** The paper's warm-up and its number of steps, 2^16. */
    public static final long PAPER_WARMUP = 2000;
    public static final long PAPER_STEPS = 65536;

    public Recipe {
        if (maxSteps < 1 || batchSize < 1 || warmupSteps < 0 || warmupSteps >= maxSteps) {
            throw new IllegalArgumentException("a recipe needs steps ≥ 1, batch ≥ 1 and 0 ≤ warm-up < steps, got steps " + maxSteps
                + ", batch " + batchSize + ", warm-up " + warmupSteps);
        }
    }

    /**
     * The paper's warm-up scaled to a run of {@code maxSteps}: the same share of the run, 2000 / 65536 (about 3 %),
     * rounded, at least 1 step; 2000 for a run of 2^16 steps or more.
     */
    public static long scaledWarmup(long maxSteps) {
        if (maxSteps >= PAPER_STEPS) {
            return PAPER_WARMUP;
        }
        return Math.max(1, Math.round((double) PAPER_WARMUP * maxSteps / PAPER_STEPS));
    }

    /** Zero at step 0, rising linearly to the peak at the end of the warm-up, then a cosine to 0 at {@code maxSteps}. */
    public LearningRateSchedule schedule() {
        LearningRateSchedule cosine = new LearningRateSchedule.Cosine(learningRate, 0, maxSteps - warmupSteps);
        return warmupSteps > 0 ? new LearningRateSchedule.LinearWarmup(warmupSteps, cosine) : cosine;
    }

    /** What must not change between a run and its resumption. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("model", model);
        map.put("max_steps", maxSteps);
        map.put("batch_size", batchSize);
        map.put("learning_rate", learningRate);
        map.put("beta1", BETA1);
        map.put("beta2", beta2);
        map.put("eps", EPS);
        map.put("weight_decay", weightDecay);
        map.put("warmup_steps", warmupSteps);
        map.put("schedule", "linear warm-up, cosine to 0");
        map.put("augmentation", augmentation.label());
        map.put("seed", seed);
        return map;
    }
}
